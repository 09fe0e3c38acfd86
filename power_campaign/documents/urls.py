from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("<uuid:uuid>/download/", views.download, name="download"),
    path("<uuid:uuid>/packet/", views.document_to_packet, name="document_packet"),
    path("packets/", views.packet_list, name="packet_list"),
    path("packets/<uuid:uuid>/", views.packet_detail, name="packet"),
    path("packets/<uuid:uuid>/exhibits/", views.exhibit_add, name="exhibit_add"),
    path("packets/<uuid:uuid>/generate/", views.packet_generate, name="packet_generate"),
    path("packets/<uuid:uuid>/status/", views.packet_status, name="packet_status"),
    path("packets/<uuid:uuid>/archive/", views.packet_archive, name="packet_archive"),
    path("exhibits/<uuid:uuid>/download/", views.exhibit_download, name="exhibit_download"),
    path("exhibits/<uuid:uuid>/remove/", views.exhibit_remove, name="exhibit_remove"),
    path("exhibits/<uuid:uuid>/up/", views.exhibit_move, {"up": True}, name="exhibit_up"),
    path("exhibits/<uuid:uuid>/down/", views.exhibit_move, {"up": False}, name="exhibit_down"),
]
