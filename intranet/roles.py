"""The intranet's roles, and the one place that answers who holds them.

A role is one of the intranet's own permissions (``intranet.IntranetPermissions``),
never the name of a group: every Wagtail site already has groups called "Editors"
and "Moderators", and their members are not the intranet's editors or moderators.

- ``intranet.edit_intranet``, editor: publish posts and guidelines; make a post or a
  leader update public; plan content.
- ``intranet.moderate``, moderator: hide, restore and lock comments and threads;
  review flagged comments.
- ``intranet.lead``, leader: post updates from their own leader profile.
- ``intranet.approve_policy``, policy approver: approve a policy, which publishes it.
- ``intranet.view_reports``, report viewer: see the guideline and training reports.

People get them through groups (``manage.py intranet_setup`` creates "Intranet
editors", "Intranet moderators", "Intranet leaders" and "Intranet policy approvers",
see ``intranet.setup``) or one by one; superusers hold them all. Django caches a
person's permissions on the user object, so asking again costs no query.
"""

EDIT = "intranet.edit_intranet"
MODERATE = "intranet.moderate"
LEAD = "intranet.lead"
APPROVE_POLICY = "intranet.approve_policy"
VIEW_REPORTS = "intranet.view_reports"


def _holds(user, permission: str) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm(permission)
    )


def is_editor(user) -> bool:
    """Editors publish posts and guidelines and decide who may read them."""
    return _holds(user, EDIT)


def is_moderator(user) -> bool:
    """Moderators hide, restore and lock comments and threads."""
    return _holds(user, MODERATE)


def is_leader(user) -> bool:
    """Leaders post updates; which profile is theirs is the profile's business."""
    return _holds(user, LEAD)


def is_policy_approver(user) -> bool:
    """Policy approvers approve policies, which publishes them."""
    return _holds(user, APPROVE_POLICY)


def can_view_reports(user) -> bool:
    """Who sees the acknowledgement, review and training reports."""
    return _holds(user, VIEW_REPORTS)
