from typing import Any

from django import forms
from django.contrib import admin

from redress.procedures.definitions import people_from_json, steps_from_json
from redress.procedures.models import (
    Procedure,
    ProcedureRoute,
    ProcedureStage,
    ProcedureVersion,
)
from redress.procedures.services import procedure_publish_version

# Each target is stored as an amount and a unit; both or neither must be given.
_TARGETS = {
    "acknowledge": "acknowledgement target",
    "respond": "response target",
    "max_extension": "maximum extension",
    "escalation_window": "time to ask for the next stage",
}


class ProcedureStageForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ProcedureStage
        fields = [
            "position",
            "key",
            "name",
            "description",
            "acknowledge_amount",
            "acknowledge_unit",
            "respond_amount",
            "respond_unit",
            "respond_from",
            "max_extension_amount",
            "max_extension_unit",
            "handled_by",
            "escalation_window_amount",
            "escalation_window_unit",
            "people",
            "steps",
            "agreed_response",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, parse in (("people", people_from_json), ("steps", steps_from_json)):
            try:
                parse(cleaned.get(name))
            except (KeyError, TypeError, ValueError) as error:
                self.add_error(name, f"Check the {name}: {error}.")
        for prefix, label in _TARGETS.items():
            amount = cleaned.get(f"{prefix}_amount")
            unit = cleaned.get(f"{prefix}_unit")
            if amount is not None and not unit:
                self.add_error(f"{prefix}_unit", f"Choose the unit of the {label}.")
            if unit and amount is None:
                self.add_error(f"{prefix}_amount", f"Enter the amount of the {label}.")
        return cleaned


class ProcedureStageFormSet(forms.BaseInlineFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        if not kept:
            # A case opens at the first stage; a procedure without one cannot take cases.
            raise forms.ValidationError("A procedure needs at least one stage.")


class ProcedureStageInline(admin.StackedInline):  # type: ignore[type-arg]
    model = ProcedureStage
    form = ProcedureStageForm
    formset = ProcedureStageFormSet
    extra = 0
    ordering = ["position"]


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "slug", "calendar", "default_for_kind", "is_active"]
    inlines = [ProcedureStageInline]
    prepopulated_fields = {"slug": ["name"]}

    def save_related(self, request, form, formsets, change):  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        # Every edit becomes a new version; open cases keep the version they started under.
        procedure_publish_version(procedure=form.instance, by=request.user)


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["procedure", "number", "created_at", "created_by"]
    list_filter = ["procedure"]
    readonly_fields = ["procedure", "number", "definition", "created_at", "created_by"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        # Versions are the record of what each case ran under.
        return False


class ProcedureRouteForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ProcedureRoute
        fields = ["kind", "service", "category", "procedure"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        service, category = cleaned.get("service"), cleaned.get("category")
        if category is not None and category.service_id not in (None, getattr(service, "pk", None)):
            self.add_error("category", "Choose a category of the chosen service area, or none.")
        procedure = cleaned.get("procedure")
        if procedure is not None and not procedure.is_active:
            self.add_error("procedure", "Choose an active procedure.")
        return cleaned


@admin.register(ProcedureRoute)
class ProcedureRouteAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Which procedure new cases get, by kind and service area (and category)."""

    form = ProcedureRouteForm
    list_display = ["service", "kind", "category", "procedure"]
    list_filter = ["kind", "service", "procedure"]
    list_select_related = ["service", "category", "procedure"]
