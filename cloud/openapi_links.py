"""OpenAPI links: which answer's id feeds which operation's path, so that a client (or a
stateful test) can walk from a created customer to her cards, events and removal."""

from __future__ import annotations

# (method, path, status) of the answer -> [(method, path, parameter, runtime expression)]
_BY_ID = "$response.body#/id"
_LINKS: dict[tuple[str, str, str], list[tuple[str, str, str, str]]] = {
    ("post", "/api/v1/customers", "201"): [
        ("get", "/api/v1/customers/{customer_id}", "customer_id", _BY_ID),
        ("patch", "/api/v1/customers/{customer_id}", "customer_id", _BY_ID),
        ("delete", "/api/v1/customers/{customer_id}", "customer_id", _BY_ID),
        ("post", "/api/v1/customers/{customer_id}/cards", "customer_id", _BY_ID),
        ("get", "/api/v1/cards", "customer_id", _BY_ID),
    ],
    ("post", "/api/v1/customers/{customer_id}/cards", "201"): [
        ("get", "/api/v1/cards/{card_id}", "card_id", "$response.body#/card/id"),
        ("get", "/api/v1/cards/{card_id}", "card_id", "$response.body#/card_number"),
        ("get", "/api/v1/cards/{card_id}/events", "card_id", "$response.body#/card/id"),
        ("patch", "/api/v1/cards/{card_id}", "card_id", "$response.body#/card/id"),
        ("delete", "/api/v1/cards/{card_id}", "card_id", "$response.body#/card/id"),
    ],
    ("post", "/api/v1/offers", "201"): [
        ("get", "/api/v1/offers/{offer_id}", "offer_id", _BY_ID),
        ("patch", "/api/v1/offers/{offer_id}", "offer_id", _BY_ID),
        ("delete", "/api/v1/offers/{offer_id}", "offer_id", _BY_ID),
    ],
    ("post", "/api/v1/locations", "201"): [
        ("get", "/api/v1/locations/{location_id}", "location_id", _BY_ID),
        ("patch", "/api/v1/locations/{location_id}", "location_id", _BY_ID),
        ("delete", "/api/v1/locations/{location_id}", "location_id", _BY_ID),
    ],
    ("post", "/api/v1/users", "201"): [
        ("delete", "/api/v1/users/{user_id}", "user_id", _BY_ID),
    ],
}


def add_links(schema: dict) -> None:
    paths = schema.get("paths", {})
    for (method, path, status), targets in _LINKS.items():
        response = paths[path][method]["responses"][status]
        links = response.setdefault("links", {})
        for target_method, target_path, parameter, expression in targets:
            operation_id = paths[target_path][target_method]["operationId"]
            name = f"{operation_id}_by_{expression.rsplit('/', 1)[-1]}"
            links[name] = {"operationId": operation_id, "parameters": {parameter: expression}}
