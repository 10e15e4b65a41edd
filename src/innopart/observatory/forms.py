from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .readers import UnreadableFile, parse_select, read_upload


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Data file"),
        help_text=gettext_lazy(
            "Tidy CSV or XLSX with the columns region, indicator, year, value (and optionally flag); or a Eurostat "
            "TSV or SDMX-CSV download."
        ),
    )
    indicator = forms.SlugField(
        label=gettext_lazy("Indicator code"),
        required=False,
        help_text=gettext_lazy("Only for Eurostat files: the indicator their values belong to."),
    )
    select = forms.CharField(
        label=gettext_lazy("Series filter"),
        required=False,
        help_text=gettext_lazy("Only for Eurostat files with several series per region, e.g. unit=MIO_EUR."),
    )
    new_indicators = forms.BooleanField(
        label=gettext_lazy("Create indicators the file introduces"),
        required=False,
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if not upload:
            return data
        if upload.size > settings.UPLOAD_MAX_BYTES:
            self.add_error(
                "file",
                _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            )
            return data
        try:
            data["rows"] = read_upload(
                upload.name,
                upload.read(),
                indicator=data.get("indicator", ""),
                select=parse_select(data.get("select", "")),
            )
        except UnreadableFile as error:
            self.add_error("file", str(error))
        return data
