"""Connecting as production clusters expect (security on by default in Elasticsearch 8):
a real node with TLS and a user, and the credentials and checks the client is built with."""

from __future__ import annotations

import datetime
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from services.errors import IndexUnavailable
from services.index.elasticsearch import ElasticsearchIndex
from services.index.es_client import connections_needed, elasticsearch_client
from standins.es_proxy import ElasticsearchProxy
from tests.conftest import elasticsearch_index, elasticsearch_settings, make_settings
from tests.factories import stored
from tools.es_node import Node, private_dir

pytestmark = [pytest.mark.integration, pytest.mark.elasticsearch]

USER, PASSWORD = "recindex", "correct-horse-battery"


def certificates() -> dict[str, bytes]:
    """A CA, and a certificate it signed for 127.0.0.1: PEM files by name."""
    now = datetime.datetime.now(datetime.UTC)

    def name(common: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])

    def signed(subject: str, key: ec.EllipticCurvePrivateKey, ca: bool) -> x509.CertificateBuilder:
        return (
            x509.CertificateBuilder()
            .subject_name(name(subject))
            .issuer_name(name("recindex test CA"))
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )

    ca_key, node_key = (
        ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(ec.SECP256R1()),
    )
    ca = signed("recindex test CA", ca_key, ca=True).sign(ca_key, hashes.SHA256())
    node = (
        signed("localhost", node_key, ca=False)
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    return {
        "certs/ca.crt": ca.public_bytes(pem),
        "certs/node.crt": node.public_bytes(pem),
        "certs/node.key": node_key.private_bytes(
            pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
    }


@pytest.fixture(scope="module")
def secured(elasticsearch_url: str) -> Iterator[tuple[Node, Path]]:
    """A node with security on: HTTPS with our CA's certificate, a file-realm user."""
    directory = private_dir("recindex-es-secured-")
    files = certificates()
    node = Node(
        data_dir=directory,
        name="recindex-secured",
        cluster_name="recindex-secured",
        config_files=files,
        superusers={USER: PASSWORD},
        settings={
            "xpack.security.enabled": "true",
            "xpack.security.http.ssl.enabled": "true",
            "xpack.security.http.ssl.certificate": "certs/node.crt",
            "xpack.security.http.ssl.key": "certs/node.key",
        },
    )
    ca = directory.parent / f"{directory.name}-ca.crt"
    ca.write_bytes(files["certs/ca.crt"])
    node.start()
    try:
        node.wait_until_ready(
            url=f"https://127.0.0.1:{node.http_port}", ca=ca, user=(USER, PASSWORD)
        )
        yield node, ca
    finally:
        node.stop()
        ca.unlink()


def open_secured(tmp_path: Path, url: str, **overrides: object) -> ElasticsearchIndex:
    return elasticsearch_index(elasticsearch_settings(tmp_path, url, **overrides))


def test_a_user_and_password_over_verified_tls(secured: tuple[Node, Path], tmp_path: Path) -> None:
    node, ca = secured
    index = open_secured(
        tmp_path,
        f"https://127.0.0.1:{node.http_port}",
        elasticsearch_username=USER,
        elasticsearch_password=PASSWORD,
        elasticsearch_ca_certs=ca,
    )
    document = stored()
    index.create(document)
    assert index.get(document["id"]) == document
    index.drop()


def test_the_user_and_password_may_sit_in_the_url(
    secured: tuple[Node, Path], tmp_path: Path
) -> None:
    node, ca = secured
    url = f"https://{USER}:{PASSWORD}@127.0.0.1:{node.http_port}"
    index = open_secured(tmp_path, url, elasticsearch_ca_certs=ca)
    index.ping()
    index.drop()


def test_a_wrong_password_is_unavailable_not_a_server_error(
    secured: tuple[Node, Path], tmp_path: Path
) -> None:
    node, ca = secured
    index = open_secured(
        tmp_path,
        f"https://127.0.0.1:{node.http_port}",
        elasticsearch_username=USER,
        elasticsearch_password="wrong",
        elasticsearch_ca_certs=ca,
    )
    with pytest.raises(IndexUnavailable, match="401"):
        index.get("some-id")


def test_certificates_are_verified_unless_the_operator_says_otherwise(
    secured: tuple[Node, Path], tmp_path: Path
) -> None:
    node, _ = secured
    url = f"https://{USER}:{PASSWORD}@127.0.0.1:{node.http_port}"
    # Our CA is not among the system's: the node's certificate is refused.
    with pytest.raises(IndexUnavailable, match=r"(?i)certificate"):
        open_secured(tmp_path, url).ping()
    unverified = open_secured(tmp_path, url, elasticsearch_verify_certs=False)
    unverified.ping()
    unverified.drop()


def test_an_api_key_is_sent_as_elasticsearch_expects(
    elasticsearch_url: str, tmp_path: Path
) -> None:
    # The integration-test distribution cannot issue API keys (its security index needs
    # the analysis-common module), so the open node behind a proxy shows what is sent.
    proxy = ElasticsearchProxy(elasticsearch_url)
    with proxy.standin.running():
        index = open_secured(tmp_path, proxy.url, elasticsearch_api_key="a2V5LWlkOmtleQ==")
        index.ping()
        index.drop()
    assert {r.headers.get("authorization") for r in proxy.standin.requests} == {
        "ApiKey a2V5LWlkOmtleQ=="
    }


def test_the_connection_pool_is_as_large_as_the_threads_that_share_it(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path,
        elasticsearch_url="http://127.0.0.1:9",
        worker_threads=16,
        worker_lookup_threads=64,
    )
    client = elasticsearch_client(settings)
    (node,) = client.transport.node_pool.all()
    assert node.config.connections_per_node == connections_needed(settings) >= 80
    client.close()


def test_bulk_bodies_are_written_and_read_with_orjson(tmp_path: Path) -> None:
    """The client's own NDJSON serializer writes each line with the json module (a
    tenth of an import's CPU); the one it is given writes `1e-7` as orjson does."""
    client = elasticsearch_client(make_settings(tmp_path, elasticsearch_url="http://127.0.0.1:9"))
    # The mimetype the client sends a bulk request with (compatibility mode).
    ndjson = client.transport.serializers.get_serializer("application/vnd.elasticsearch+x-ndjson")
    body = ndjson.dumps([{"create": {"_id": "a"}}, b'{"score":1}', {"score": 1e-7}])
    assert body == b'{"create":{"_id":"a"}}\n{"score":1}\n{"score":1e-7}\n'
    assert ndjson.loads(body) == [{"create": {"_id": "a"}}, {"score": 1}, {"score": 1e-7}]
    client.close()
