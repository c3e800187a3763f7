"""The floor: a bare Django project that answers each page with bytes it read once.

Its settings are those of a fresh ``django-admin startproject`` but for the admin,
static files and the database, which it has none of; ``make bench`` serves it
under the same gunicorn settings as the intranet, so the difference between the two
is what the intranet's own work costs.
"""
