import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# What Django and Wagtail loaded lives as long as the worker: keep it out of the
# garbage collector's passes, which otherwise walk all of it again and again while
# serving (a few milliseconds a request).
gc.freeze()
