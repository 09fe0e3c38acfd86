from django.urls import path

from . import views

app_name = "contracts"

urlpatterns = [
    path("", views.proposal_list, name="proposal_list"),
    path("library/", views.library, name="library"),
    path("library/<slug:code>/", views.clause_detail, name="clause"),
    path("adoption/", views.adoption_view, name="adoption"),
    path("worksite/<uuid:uuid>/new/", views.proposal_create, name="proposal_create"),
    path("<uuid:uuid>/", views.proposal_detail, name="proposal"),
    path("<uuid:uuid>/edit/", views.proposal_edit, name="proposal_edit"),
    path("<uuid:uuid>/add/", views.proposal_add_clauses, name="proposal_add_clauses"),
    path("<uuid:uuid>/open/", views.proposal_open, name="proposal_open"),
    path("<uuid:uuid>/close/", views.proposal_close, name="proposal_close"),
    path("<uuid:uuid>/ratify/", views.proposal_ratify, name="proposal_ratify"),
    path("<uuid:uuid>/pdf/", views.proposal_pdf, name="proposal_pdf"),
    path("<uuid:uuid>/docx/", views.proposal_docx, name="proposal_docx"),
    path("article/<uuid:uuid>/edit/", views.article_edit, name="article_edit"),
    path("clause/<uuid:uuid>/", views.proposal_clause_detail, name="proposal_clause"),
    path("clause/<uuid:uuid>/edit/", views.proposal_clause_edit, name="proposal_clause_edit"),
    path("clause/<uuid:uuid>/status/", views.proposal_clause_status, name="proposal_clause_status"),
]
