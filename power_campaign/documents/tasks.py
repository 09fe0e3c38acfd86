from django_tasks import task

from . import services


@task()
def build_packet_task(packet_uuid):
    services.build_packet(packet_uuid=packet_uuid)
