"""Forms for ideas and score sheets; every label translatable."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape  # the standard library's: Django's is slower, made for lazy strings
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from samskab.core.people import label_people
from samskab.ideas.actions import Triple
from samskab.ideas.models import DIMENSIONS, Idea
from samskab.ideas.results import SHARED
from samskab.projects.models import Project
from samskab.segmentation.forms import SegmentNameInput
from samskab.segmentation.services import segment_names
from samskab.workshops.models import Theme


class IdeaForm(forms.ModelForm):
    class Meta:
        model = Idea
        fields = ["title", "description", "theme", "villages", "target_segment"]
        fields += ["latitude", "longitude"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "villages": forms.CheckboxSelectMultiple,
        }
        help_texts = {"target_segment": _("Who the idea is meant for, e.g. young families.")}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["villages"].queryset = project.villages.all()
        names = segment_names(project)
        if names:  # suggest the project's segments; any other target group can be typed
            self.fields["target_segment"].widget = SegmentNameInput(names, {"maxlength": 200})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        return data


class IdeaFilterForm(forms.Form):
    """The ideas list's filter (a GET form); unknown values fall back to "all"."""

    village = forms.ChoiceField(label=_("Village"), required=False)
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", _("All themes")), *Theme.choices]
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        villages = [(str(v.pk), v.name) for v in project.villages.all()]
        self.fields["village"].choices = [
            ("", _("All villages")),
            (SHARED, _("Shared by all villages")),
            *villages,
        ]

    def value(self, name: str) -> str:
        return self.cleaned_data.get(name, "") if self.is_valid() else ""


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Idea.objects.none(),
        help_text=_("The idea this one duplicates. It keeps its own text and gains the villages."),
    )

    def __init__(self, *args: Any, idea: Idea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            Idea.objects.filter(project_id=idea.project_id).in_play().exclude(pk=idea.pk)
        )


class ParticipantForm(forms.Form):
    """Choose whose paper score sheet to type in."""

    participant = forms.ModelChoiceField(label=_("Participant"), queryset=User.objects.none())

    def __init__(self, *args: Any, people: Sequence[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = User.objects.filter(pk__in=[p.pk for p in people])
        label_people(self.fields["participant"])


FIELD = re.compile(r"^idea-(\d+)-(\w+)$")


class ScaleRadios(forms.RadioSelect):
    """One question's radio buttons on the score sheet, each in a label with its number.

    Rendered by string formatting rather than the widget templates: a sheet of 20 ideas has
    300 radio buttons, and rendering them through templates was most of the page's time."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        shared = self.build_attrs(self.attrs, attrs)
        id_ = shared.pop("id", None)
        head = f'<label class="scale-option"><input type="radio" name="{escape(name)}" value="'
        id_head = f' id="{escape(id_)}_' if id_ else ""
        more = flatatt(shared)  # e.g. aria-invalid="true" on a question left unanswered
        options = []
        for index, (option, label) in enumerate(self.choices):
            number = escape(str(option))
            id_attr = f'{id_head}{index}"' if id_ else ""
            checked = " checked" if str(option) in chosen else ""
            options.append(
                f'{head}{number}"{id_attr}{more}{checked}><span>{escape(str(label))}</span></label>'
            )
        return mark_safe("".join(options))  # every value is escaped above


def render_question(field: forms.BoundField) -> SafeString:
    """Return one question of the score sheet: its fieldset with the question, the error if
    any, and the scale (in Python, as the scale's buttons: see ScaleRadios)."""
    errors = field.errors
    if not errors:
        head = format_html('<fieldset class="dimension"><legend>{}</legend>', field.label)
    else:
        error_id = f"{field.auto_id}_error"
        head = format_html(
            '<fieldset class="dimension has-error" aria-describedby="{}"><legend>{}</legend>'
            '<p class="field-error" id="{}">{}</p>',
            error_id, field.label, error_id, " ".join(errors),
        )  # fmt: skip
    return format_html('{}<div class="scale">{}</div></fieldset>', head, field.as_widget())


class ScoreSheetForm(forms.Form):
    """All ideas on one sheet: per idea one radio group per dimension. An idea is either
    scored on all three dimensions or left out; a posted idea not on the sheet is refused."""

    def __init__(self, *args: Any, ideas: Sequence[Idea], scale_max: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ideas = list(ideas)
        choices = [(str(n), str(n)) for n in range(1, scale_max + 1)]
        # One field per question, shared by every idea's group: a field keeps nothing of the
        # name it is bound to, and building three fields per idea cost more than the rest.
        questions = [
            forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=ScaleRadios,
            )
            for _name, label in DIMENSIONS
        ]
        for idea in self.ideas:
            for (name, _label), field in zip(DIMENSIONS, questions, strict=True):
                self.fields[f"idea-{idea.pk}-{name}"] = field

    def show_stored(self, stored: Mapping[int, Triple]) -> None:
        """Let the sheet show these stored scores (idea id → triple) where nothing is posted."""
        self.initial = {
            f"idea-{idea_id}-{name}": value
            for idea_id, triple in stored.items()
            for (name, _label), value in zip(DIMENSIONS, triple, strict=True)
        }

    def groups(self) -> list[tuple[Idea, list[SafeString]]]:
        """Return each idea with its three questions, rendered, for the template."""
        return [
            (idea, [render_question(self[f"idea-{idea.pk}-{n}"]) for n, _l in DIMENSIONS])
            for idea in self.ideas
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        known = {idea.pk for idea in self.ideas}
        posted = {int(m.group(1)) for key in self.data if (m := FIELD.match(key))}
        if posted - known:
            raise forms.ValidationError(_("Only this project's ideas can be scored."))
        for idea in self.ideas:
            values = [data.get(f"idea-{idea.pk}-{n}") for n, _l in DIMENSIONS]
            if any(v is not None for v in values) and None in values:
                for (name, _label), value in zip(DIMENSIONS, values, strict=True):
                    if value is None:
                        self.add_error(
                            f"idea-{idea.pk}-{name}",
                            _("Answer all three questions for this idea, or none."),
                        )
        return data

    def scores(self) -> dict[int, Triple]:
        """Return the complete scores on the sheet: idea id → (difference, manageable, desire)."""
        result = {}
        for idea in self.ideas:
            values = [self.cleaned_data.get(f"idea-{idea.pk}-{n}") for n, _l in DIMENSIONS]
            if None not in values:
                result[idea.pk] = (values[0], values[1], values[2])
        return result
