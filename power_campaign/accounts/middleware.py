from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django_otp import user_has_device

# What a signed-in user may reach before finishing two-factor login.
VERIFY_VIEWS = {"accounts:two_factor_verify", "accounts:logout", "accounts:set_language"}
SETUP_VIEWS = {"accounts:two_factor_setup", "accounts:logout", "accounts:set_language"}


class UserLanguageMiddleware:
    """A signed-in user's saved language wins over the browser's and the cookie's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class TwoFactorMiddleware:
    """Users with a device must enter a code; users whose role requires a device must enrol first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        view_name = match.view_name if match else ""
        if user_has_device(user, confirmed=True):
            if view_name not in VERIFY_VIEWS:
                return redirect(
                    f"{reverse('accounts:two_factor_verify')}?{urlencode({'next': request.get_full_path()})}"
                )
        elif user.requires_two_factor() and view_name not in SETUP_VIEWS:
            return redirect("accounts:two_factor_setup")
        return None


class NoStoreMiddleware:
    """Pages shown to a signed-in user are never kept by the browser or a proxy (shared computers,
    the back button after signing out). Public pages (sign-in, verification) may be cached as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
