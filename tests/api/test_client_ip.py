"""Which address a request is counted under: X-Forwarded-For only from a trusted proxy."""

from api.client_ip import UNKNOWN, client_address

TRUSTED = ["10.0.0.0/8", "192.168.1.5"]


def test_without_trusted_proxies_the_header_is_ignored():
    assert client_address("203.0.113.7", ["198.51.100.1"], []) == "203.0.113.7"


def test_an_untrusted_peer_cannot_claim_another_address():
    assert client_address("203.0.113.7", ["198.51.100.1"], TRUSTED) == "203.0.113.7"


def test_a_trusted_proxy_names_the_right_most_untrusted_hop():
    # The client sent "1.2.3.4" itself; the proxy chain appended the real client, then itself.
    forwarded = ["1.2.3.4, 198.51.100.9", "10.1.2.3"]
    assert client_address("192.168.1.5", forwarded, TRUSTED) == "198.51.100.9"


def test_a_trusted_proxy_without_a_usable_header_counts_as_itself():
    assert client_address("10.0.0.1", [], TRUSTED) == "10.0.0.1"
    assert client_address("10.0.0.1", ["bukan-alamat"], TRUSTED) == "10.0.0.1"
    assert client_address("10.0.0.1", ["10.0.0.2"], TRUSTED) == "10.0.0.1"


def test_no_peer():
    assert client_address(None, ["198.51.100.1"], TRUSTED) == UNKNOWN
