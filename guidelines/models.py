"""The reference site's guidelines: the intranet's hub, guideline and training
module, as they come."""

from intranet.guidelines.models import (
    AbstractGuidelinePage,
    AbstractGuidelinesHubPage,
    AbstractTrainingModulePage,
)


class GuidelinesHubPage(AbstractGuidelinesHubPage):
    pass


class GuidelinePage(AbstractGuidelinePage):
    pass


class TrainingModulePage(AbstractTrainingModulePage):
    pass
