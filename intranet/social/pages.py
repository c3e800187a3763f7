"""What a page needs to carry a conversation: comments, replies, likes, reactions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from intranet.models import RestrictionsOnceMixin

from . import conversation, services
from .forms import CommentForm
from .models import Comment
from .translations import can_reach


class CommentablePageMixin(RestrictionsOnceMixin, models.Model):
    """A page staff discuss. Editors can switch comments off; moderators close them.

    Mix in before ``Page``. The page's template includes
    ``social/includes/conversation.html``.
    """

    comments_enabled = models.BooleanField(
        _("comments"), default=True, help_text=_("Let staff comment on this page.")
    )
    comments_closed = models.BooleanField(
        _("comments closed"),
        default=False,
        editable=False,
        help_text=_("Set by moderators: earlier comments stay, no new ones."),
    )

    comment_panels = [FieldPanel("comments_enabled")]
    # Page types set these: may a new comment be asked as a question to the page's
    # author, and does commenting make the commenter follow the page?
    accepts_questions = False
    # Every new thread is a question (a leader's "ask me" page), whatever the form says.
    questions_only = False
    # Whether the page carries reactions ("like", "insightful", ...) of its own.
    shows_reactions = True
    follow_on_comment = False
    # A template with more actions under each comment (e.g. "mark as the answer").
    comment_actions_template = None

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return self.url

    def with_content_json(self, content):
        """Publishing a revision never reopens comments a moderator closed."""
        obj = super().with_content_json(content)
        obj.comments_closed = self.comments_closed
        return obj

    def conversation_recipients(self, comment):
        """Who hears about a new comment on this page, besides the replied-to author."""
        return []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Previews show the page as it will read; the conversation belongs to the live
        # page, and a translation shows it only to those who may see the original.
        if (
            request.user.is_authenticated
            and self.pk
            and not getattr(request, "is_preview", False)
            and can_reach(request.user, self)
        ):
            context["conversation"] = conversation.build(
                self, request, form=kwargs.get("comment_form")
            )
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and request.user.is_authenticated:
            return self.serve_comment_post(request)
        return super().serve(request, *args, **kwargs)

    def serve_comment_post(self, request):
        form = CommentForm(request.POST)
        if form.is_valid():
            parent = None
            if form.cleaned_data["parent"]:
                parent = Comment.objects.filter(pk=form.cleaned_data["parent"]).first()
                if parent is None:
                    raise PermissionDenied
            try:
                comment = services.add_comment(
                    self,
                    request.user,
                    form.cleaned_data["text"],
                    parent=parent,
                    token=form.cleaned_data["token"],
                    is_question=form.cleaned_data["is_question"],
                )
            except services.Throttled as refusal:
                form.add_error("text", refusal.message)
            else:
                messages.success(request, _("Your comment is posted."))
                return HttpResponseRedirect(conversation.comment_link(self, comment))
        context = self.get_context(request, comment_form=form)
        return TemplateResponse(
            request, self.get_template(request), context, status=400
        )
