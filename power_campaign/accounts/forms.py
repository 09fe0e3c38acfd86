from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from power_campaign.phones import PhoneField, PhoneInput

from .models import Organization, Role, User


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code from your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"}),
    )

    def clean_code(self):
        return self.cleaned_data["code"].replace(" ", "").strip()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "phone", "language"]
        field_classes = {"phone": PhoneField}  # stored in E.164, shown as people write it
        widgets = {"phone": PhoneInput(attrs={"autocomplete": "tel"})}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    language = forms.ChoiceField(
        label=_("Language of the email"),
        choices=settings.LANGUAGES,
        help_text=_("The invitation is written in this language."),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


MAILING_ADDRESS_LINES = 5


class MailingAddressForm(forms.Form):
    mailing_address = forms.CharField(
        label=_("Mailing address"),
        max_length=Organization._meta.get_field("mailing_address").max_length,
        required=False,
        help_text=Organization._meta.get_field("mailing_address").help_text,
        widget=forms.Textarea(attrs={"rows": MAILING_ADDRESS_LINES, "autocomplete": "street-address"}),
    )

    def clean_mailing_address(self):
        lines = [" ".join(line.split()) for line in self.cleaned_data["mailing_address"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAILING_ADDRESS_LINES:
            raise forms.ValidationError(
                _("Write the address in at most %(count)s lines.") % {"count": MAILING_ADDRESS_LINES}
            )
        return "\n".join(lines)


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organization.Kind.choices)
    admin_email = forms.EmailField(
        label=_("Email address of its first administrator"),
        help_text=_("They receive an invitation to set their password."),
    )
    language = forms.ChoiceField(label=_("Language of the email"), choices=settings.LANGUAGES)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Organization.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("An organization with this name already exists."))
        return name


class AcceptInvitationForm(forms.Form):
    """The invitee picks a user name and a password (checked by the site's password rules)."""

    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        validators=[User.username_validator],
        help_text=_("Letters, digits and @ . + - _ only. You sign in with it."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken. Choose another one."))
        return username

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            candidate = User(
                username=cleaned.get("username", ""),
                email=self.invitation.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
