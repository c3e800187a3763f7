"""The demo content's building blocks, shared by every app's ``demo`` module.

Each app that contributes demo content has a ``demo.py`` that registers steps with
``@step(order)``. ``manage.py load_demo`` runs them in order. Every step is
idempotent: it looks things up before creating them and returns how many things it
added, so a second run adds nothing.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import autodiscover_modules

DEMO_PASSWORD = "changeme"  # noqa: S105 - the documented demo password


@dataclass
class Step:
    order: int
    name: str
    run: callable


@dataclass
class Registry:
    steps: list[Step] = field(default_factory=list)

    def step(self, order: int, name: str):
        def register(func):
            self.steps.append(Step(order, name, func))
            return func

        return register

    def ordered(self) -> list[Step]:
        autodiscover_modules("demo")
        return sorted(self.steps, key=lambda s: (s.order, s.name))


registry = Registry()
step = registry.step


def site_address() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"


def get_or_create_child(parent, model, slug, **fields):
    """The child page of ``parent`` with ``slug``, created and published if missing.

    Returns ``(page, created)``.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True
