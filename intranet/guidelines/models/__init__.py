"""The guidelines app's models: the pages, and what people do with them."""

from .pages import (
    POLICY_WORKFLOW,
    AbstractGuidelinePage,
    AbstractGuidelinesHubPage,
    AbstractTrainingModulePage,
    ChangeType,
    Kind,
    involves_policy,
    is_policy_approver,
)
from .records import (
    Acknowledgement,
    ChangeLogEntry,
    KnowledgeCheckResult,
    LessonCompletion,
    WhyBannerDismissal,
)

__all__ = [
    "POLICY_WORKFLOW",
    "Acknowledgement",
    "ChangeLogEntry",
    "ChangeType",
    "AbstractGuidelinePage",
    "AbstractGuidelinesHubPage",
    "Kind",
    "KnowledgeCheckResult",
    "LessonCompletion",
    "AbstractTrainingModulePage",
    "WhyBannerDismissal",
    "involves_policy",
    "is_policy_approver",
]
