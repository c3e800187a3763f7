from django.utils.cache import patch_cache_control, patch_vary_headers


def private_cache_middleware(get_response):
    """Keep whatever a signed-in person sees out of every shared cache.

    Responses to anonymous visitors (the login page, public posts) keep their own
    caching rules; anything rendered for a signed-in person is private and is not
    stored, so a proxy or the browser's back button never shows it to someone else.
    """

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie"])
        return response

    return middleware
