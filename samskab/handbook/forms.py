"""The forms of the handbook page."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PublishForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class ConsentForm(forms.Form):
    agreed = forms.BooleanField(label=_("My name may appear in the handbook"), required=False)
