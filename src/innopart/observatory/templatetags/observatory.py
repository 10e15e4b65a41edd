from django import template

from ..catalogue import category_name as _category_name

register = template.Library()


@register.filter
def category_name(name: str) -> str:
    """A cluster category or emerging industry in the reader's language."""
    return _category_name(name)
