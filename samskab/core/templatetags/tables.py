"""`{% scrollable label %}<table>…</table>{% endscrollable %}`: a table that may be wider than
the screen, in a frame that scrolls sideways on its own.

A keyboard user reaches the frame with Tab and scrolls it with the arrow keys, and a screen
reader announces it by its label (WCAG 2.1.1; axe-core's "scrollable-region-focusable")."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


class ScrollableNode(template.Node):
    def __init__(self, label: FilterExpression, nodelist: NodeList) -> None:
        self.label = label
        self.nodelist = nodelist

    def render(self, context: Any) -> str:
        return format_html(
            '<div class="table-wrap" tabindex="0" role="region" aria-label="{}">{}</div>',
            self.label.resolve(context),
            # The content is the template's own output, escaped as it was rendered.
            mark_safe(self.nodelist.render(context)),
        )


@register.tag
def scrollable(parser: Parser, token: Token) -> ScrollableNode:
    """Return the node that frames its content; the one argument is the frame's label."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% scrollable %} takes one argument: its label")
    nodelist = parser.parse(("endscrollable",))
    parser.delete_first_token()
    return ScrollableNode(parser.compile_filter(bits[1]), nodelist)
