"""The forms of the handbook page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from samskab.handbook.sections.lessons import prompts
from samskab.workshops.models import Theme


class PublishForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class ConsentForm(forms.Form):
    agreed = forms.BooleanField(label=_("My name may appear in the handbook"), required=False)


class LessonsForm(forms.Form):
    """One text per theme, each with the theme's attention points as prompts."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for theme, label in Theme.choices:
            self.fields[theme] = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_prompt_list(prompts(theme)),
            )

    def texts(self) -> dict[str, str]:
        """Return the cleaned text of each theme."""
        return {theme: self.cleaned_data[theme].strip() for theme in Theme.values}


def _prompt_list(points: list[Promise]) -> str:
    """Return the attention points as an escaped HTML list (help text is shown unescaped)."""
    items = format_html_join("", "<li>{}</li>", ((point,) for point in points))
    return format_html('{}<ul class="muted">{}</ul>', _("Attention points:"), items)
