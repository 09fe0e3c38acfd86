"""A local PKI with an RFC 3161 timestamp authority, an OCSP responder and CRLs (certomancer), served over
HTTP on 127.0.0.1 in a thread for the duration of the test session."""

import datetime
import string
import threading
from dataclasses import dataclass
from pathlib import Path

from certomancer.integrations.animator import Animator, AnimatorArchStore
from certomancer.registry import ArchLabel, CertLabel, CertomancerConfig
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from werkzeug.serving import WSGIRequestHandler, make_server

CONFIG = Path(__file__).resolve().parent / "test_pki.yml"
ARCH = "test-pki"
PASSPHRASE = "test pki passphrase"


@dataclass
class LocalPKI:
    base_url: str
    tsa_url: str
    roots_pem: Path  # the root CA certificate, for SIGNING_TSA_ROOTS
    pkcs12: Path  # the signing key and certificate (with the root), for SIGNING_PKCS12_PATH
    passphrase: str
    root: object  # asn1crypto certificates
    signer: object
    signer_expires: datetime.datetime


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


def _key(path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return key


def start(folder, now):
    """Start the PKI's services; returns (LocalPKI, stop)."""
    passphrase = PASSPHRASE
    keys = {name: _key(folder / f"{name}.key.pem") for name in ("root", "tsa", "signer")}
    expires = now.replace(microsecond=0) + datetime.timedelta(days=1)
    yaml = string.Template(CONFIG.read_text()).substitute(
        signer_valid_from=(now - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S+0000"),
        signer_valid_to=expires.strftime("%Y-%m-%dT%H:%M:%S+0000"),
    )
    application = {}
    server = make_server(
        "127.0.0.1",
        0,
        lambda environ, respond: application["app"](environ, respond),
        threaded=True,
        request_handler=_Quiet,
    )
    base_url = f"http://127.0.0.1:{server.server_port}"
    config = CertomancerConfig.from_yaml(yaml, key_search_dir=str(folder), external_url_prefix=base_url)
    architecture = config.get_pki_arch(ArchLabel(ARCH))
    application["app"] = Animator(AnimatorArchStore({ArchLabel(ARCH): architecture}), with_web_ui=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    root = architecture.get_cert(CertLabel("root"))
    signer = architecture.get_cert(CertLabel("signer"))
    roots_pem = folder / "roots.pem"
    roots_pem.write_bytes(
        x509.load_der_x509_certificate(root.dump()).public_bytes(serialization.Encoding.PEM)
    )
    bundle = folder / "signer.p12"
    bundle.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer",
            keys["signer"],
            x509.load_der_x509_certificate(signer.dump()),
            [x509.load_der_x509_certificate(root.dump())],
            serialization.BestAvailableEncryption(passphrase.encode()),
        )
    )
    pki = LocalPKI(
        base_url=base_url,
        tsa_url=f"{base_url}/{ARCH}/tsa/tsa",
        roots_pem=roots_pem,
        pkcs12=bundle,
        passphrase=passphrase,
        root=root,
        signer=signer,
        signer_expires=expires,
    )

    def stop():
        server.shutdown()
        thread.join()

    return pki, stop
