from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_list, name="agreement_list"),
    path("review/", views.review_queue, name="review_queue"),
    path("worksite/<uuid:uuid>/new/", views.agreement_create, name="agreement_create"),
    path("<uuid:uuid>/", views.agreement_detail, name="agreement"),
    path("<uuid:uuid>/edit/", views.agreement_edit, name="agreement_edit"),
    path("<uuid:uuid>/submit/", views.agreement_submit, name="agreement_submit"),
    path("<uuid:uuid>/approve/", views.agreement_approve, name="agreement_approve"),
    path("<uuid:uuid>/request-changes/", views.agreement_request_changes, name="agreement_request_changes"),
]
