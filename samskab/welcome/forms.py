"""The public sign-up forms, each stating its purpose, and the facilitator's and host's forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from samskab.core.people import person_name
from samskab.projects.models import Municipality, Village
from samskab.welcome.models import Event, Kind

PURPOSES = {
    Kind.NEWCOMER: _(
        "%(village)s stores your name, e-mail address, phone number and address so that a "
        "host from the village can contact you and visit you to bid you welcome. Only the "
        "municipality's facilitator and your host see them. They are deleted a year after you "
        "sign up, or at once when you ask with the link in every mail we send you."
    ),
    Kind.FORMER_RESIDENT: _(
        "%(village)s stores your name, e-mail address and the municipality you live in now, "
        "to invite you to events for former residents held where you live. Only the "
        "municipality's facilitator sees them. They are deleted three years after you sign "
        "up, or at once when you ask with the link in every mail we send you."
    ),
}


def purpose(kind: str, village: Village) -> str:
    """Return the purpose of the list, as the form states it, in the active language."""
    return str(PURPOSES[Kind(kind)]) % {"village": village.name}


class SignupForm(forms.Form):
    """What every public sign-up asks: a name, an address, the consent, and a field people
    do not see (filled in, the sign-up came from a robot)."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"))
    website = forms.CharField(
        label=_("Leave this field empty"), required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )  # fmt: skip
    consent = forms.BooleanField(label=_("I agree that my data is stored for this purpose"))

    def is_robot(self) -> bool:
        """Return True when the field hidden from people was filled in."""
        return bool(self.data.get(self.add_prefix("website")))

    def person_fields(self) -> dict[str, Any]:
        """Return the cleaned fields a Person stores."""
        skip = {"website", "consent", "code"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class NewcomerForm(SignupForm):
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    address = forms.CharField(
        label=_("Your address"), max_length=200, help_text=_("Where the host can visit you.")
    )
    code = forms.CharField(
        label=_("Code from the municipality's welcome letter"), max_length=12, required=False
    )
    field_order = ["name", "email", "phone", "address", "code", "website", "consent"]


class FormerResidentForm(SignupForm):
    city = forms.ModelChoiceField(
        label=_("The municipality you live in now"), queryset=Municipality.objects.all()
    )
    field_order = ["name", "email", "city", "website", "consent"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        city = self.fields["city"]
        assert isinstance(city, forms.ModelChoiceField)
        city.label_from_instance = lambda municipality: municipality.name  # without its code


class HostForm(forms.Form):
    """Choose the host of a newcomer: a member of the newcomer's village."""

    host = forms.ModelChoiceField(label=_("Host"), queryset=User.objects.none())

    def __init__(self, *args: Any, village: Village, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["host"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(
            memberships__village=village, memberships__project_id=village.project_id
        ).order_by("first_name", "username")
        field.label_from_instance = person_name


class VisitForm(forms.Form):
    visited = forms.DateField(label=_("Visited on"), widget=forms.DateInput(attrs={"type": "date"}))


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["title", "city", "place", "starts", "description"]
        widgets = {"starts": forms.DateTimeInput(attrs={"type": "datetime-local"})}


class LettersForm(forms.Form):
    """The addresses for the welcome letters of one village, from the municipality's systems."""

    village = forms.ModelChoiceField(label=_("Village"), queryset=Village.objects.none())
    addresses = forms.FileField(
        label=_("Addresses"),
        help_text=_(
            "A CSV file with the columns name, address, postcode and town, and optionally "
            "protected (yes for a person with protected name and address, who gets no letter). "
            "It is read to make the letters and not kept."
        ),
    )

    def __init__(self, *args: Any, project: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        village = self.fields["village"]
        assert isinstance(village, forms.ModelChoiceField)
        village.queryset = project.villages.all()


class AmbassadorForm(forms.Form):
    """A member of a village signs up a newcomer they met, who agreed to it."""

    village = forms.ModelChoiceField(label=_("Village"), queryset=Village.objects.none())
    name = forms.CharField(label=_("The newcomer's name"), max_length=200)
    email = forms.EmailField(label=_("The newcomer's e-mail address"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    address = forms.CharField(label=_("The newcomer's address"), max_length=200)
    consent = forms.BooleanField(
        label=_("The newcomer agreed to be signed up for this purpose"),
        help_text=_("They get a mail to confirm it, and are listed only once they do."),
    )

    def __init__(self, *args: Any, villages: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        village = self.fields["village"]
        assert isinstance(village, forms.ModelChoiceField)
        village.queryset = villages

    def person_fields(self) -> dict[str, Any]:
        """Return the cleaned fields a Person stores."""
        return {k: self.cleaned_data[k] for k in ("name", "email", "phone", "address")}
