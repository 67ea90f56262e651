"""The administrators' import page: the file and its layout, then the confirmation."""

from __future__ import annotations

from django import forms

from redress.imports.layout import shipped_mappings

MAX_BYTES = 200 * 1024 * 1024
OWN_LAYOUT = "redress"


def layout_choices() -> list[tuple[str, str]]:
    shipped = [(key, mapping.name) for key, mapping in shipped_mappings().items()]
    return [(OWN_LAYOUT, "Redress's own layout"), *shipped]


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload the export",
        help_text="A CSV file or an Excel workbook (.xlsx), one row per case, 200 MB at most.",
        error_messages={
            "required": "Select the file to import",
            "empty": "The selected file is empty",
        },
    )
    layout = forms.ChoiceField(
        label="How the file is laid out",
        choices=layout_choices,
        initial=OWN_LAYOUT,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the file is laid out"},
        help_text="The shipped layouts are examples: check them against your export first.",
    )

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The selected file must be 200 MB or smaller")
        return upload

    def clean_layout(self) -> str:
        """The shipped mapping's name, or blank for Redress's own layout."""
        layout = str(self.cleaned_data["layout"])
        return "" if layout == OWN_LAYOUT else layout


class ConfirmForm(forms.Form):
    skip_invalid = forms.BooleanField(
        label="Import the rows without problems and leave out the rows listed",
        required=False,
    )
