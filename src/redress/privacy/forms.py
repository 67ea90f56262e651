from __future__ import annotations

from django import forms

from redress.privacy.anonymise import MAX_REASON
from redress.privacy.models import RetentionRule


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the reason."},
    )

    def __init__(self, *args, hint: str = "", **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = hint


class RetentionRuleForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = RetentionRule
        fields = ["kind", "outcome", "years"]
        labels = {"kind": "Kind of case", "outcome": "Outcome"}
        error_messages = {
            "years": {
                "required": "Enter how many years after closure to keep these cases.",
                "min_value": "Years after closure must be 1 or more.",
                "max_value": "Years after closure must be 100 or fewer.",
                "invalid": "Years after closure must be a whole number.",
            },
            "kind": {"required": "Choose the kind of case."},
        }

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        outcome = self.fields["outcome"]
        outcome.choices = [("", "Any outcome"), *list(outcome.choices)[1:]]  # type: ignore[attr-defined]

    def validate_unique(self) -> None:
        try:
            self.instance.validate_constraints(exclude=self._get_validation_exclusions())  # type: ignore[attr-defined]  # a ModelForm method django-stubs omits
        except forms.ValidationError:
            self.add_error(
                "kind", "There is already a rule for this kind and outcome: change that one."
            )


class PersonSearchForm(forms.Form):
    q = forms.CharField(label="Name or email address", max_length=200, required=False)
