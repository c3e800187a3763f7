"""What a member of staff must have done before opting in as an ambassador.

Apps register checks with Wagtail's hook registry::

    @hooks.register("intranet_ambassador_requirements")
    def training_passed(user):
        return None if passed(user) else "Pass the ambassador training first."

Each returns ``None`` when the person meets it, or a message saying what is missing.
"""

from wagtail import hooks

HOOK = "intranet_ambassador_requirements"


def missing_requirements(user) -> list[str]:
    return [msg for fn in hooks.get_hooks(HOOK) if (msg := fn(user))]
