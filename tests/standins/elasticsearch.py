"""An in-memory Elasticsearch 8 stand-in: the document, alias, bulk, scroll and search APIs
that `ElasticsearchIndex` calls, answering with Elasticsearch's documented JSON.

It is realtime (no refresh delay) and scores text naively (boost x matching terms), so
it checks our requests and error mapping, not Elasticsearch's relevance.
"""

from __future__ import annotations

import functools
import itertools
import json
import threading
import unicodedata
from typing import Any

from tests.standins.server import Reply, Request, StandIn

HEADERS = {
    "X-Elastic-Product": "Elasticsearch",
    "Content-Type": "application/vnd.elasticsearch+json; compatible-with=8",
}


def answer(body: Any, status: int = 200) -> Reply:
    return Reply(body, status=status, headers=dict(HEADERS))


def error(status: int, kind: str, reason: str) -> Reply:
    return answer(
        {
            "error": {
                "root_cause": [{"type": kind, "reason": reason}],
                "type": kind,
                "reason": reason,
            },
            "status": status,
        },
        status,
    )


def words(text: Any) -> list[str]:
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return "".join(c if c.isalnum() else " " for c in folded).split()


class FakeElasticsearch:
    """State and routes; `standin.requests` records what the client sent."""

    def __init__(self) -> None:
        self.standin = StandIn("elasticsearch")
        self.indices: dict[str, dict[str, Any]] = {}  # name -> {"mappings", "docs"}
        self.aliases: dict[str, set[str]] = {}
        self.alias_actions: list[list[dict[str, Any]]] = []
        self.swap_error: Reply | None = None  # the answer to `_aliases`, to test failures
        self._lock = threading.RLock()
        self._seq = itertools.count(1)
        self._scrolls: dict[str, list[dict[str, Any]]] = {}
        self._routes()

    # -- names -----------------------------------------------------------------

    def resolve(self, name: str) -> list[str]:
        if "," in name:
            return sorted({i for part in name.split(",") for i in self.resolve(part)})
        if name in self.indices:
            return [name]
        return sorted(self.aliases.get(name, set()))

    def _docs(self, name: str) -> dict[str, Any] | Reply:
        targets = self.resolve(name)
        if len(targets) != 1:
            return error(404, "index_not_found_exception", f"no such index [{name}]")
        docs: dict[str, Any] = self.indices[targets[0]]["docs"]
        return docs

    def _meta(self, index: str, doc_id: str, doc: dict[str, Any]) -> dict[str, Any]:
        return {
            "_index": self.resolve(index)[0],
            "_id": doc_id,
            "_version": doc["version"],
            "_seq_no": doc["seq_no"],
            "_primary_term": 1,
        }

    # -- documents -------------------------------------------------------------

    def write(self, index: str, doc_id: str, source: Any, op: str, query: dict[str, str]) -> Reply:
        with self._lock:
            docs = self._docs(index)
            if isinstance(docs, Reply):
                return docs
            current = docs.get(doc_id)
            if op == "create" and current is not None:
                return error(
                    409,
                    "version_conflict_engine_exception",
                    f"[{doc_id}]: version conflict, document already exists",
                )
            if "if_seq_no" in query and (
                current is None or str(current["seq_no"]) != query["if_seq_no"]
            ):
                return error(
                    409,
                    "version_conflict_engine_exception",
                    f"[{doc_id}]: version conflict, required seqNo [{query['if_seq_no']}]",
                )
            unknown = strict_violation(self.indices[self.resolve(index)[0]]["mappings"], source)
            if unknown:
                return error(
                    400,
                    "document_parsing_exception",
                    f"[1:2] mapping set to strict, dynamic introduction of [{unknown}]"
                    " within [_doc] is not allowed",
                )
            doc = {
                "source": source,
                "seq_no": next(self._seq),
                "version": (current or {"version": 0})["version"] + 1,
            }
            docs[doc_id] = doc
            result = "created" if current is None else "updated"
            return answer(
                {**self._meta(index, doc_id, doc), "result": result},
                201 if current is None else 200,
            )

    def get(self, index: str, doc_id: str) -> Reply:
        with self._lock:
            docs = self._docs(index)
            if isinstance(docs, Reply):
                return docs
            doc = docs.get(doc_id)
            if doc is None:
                return answer({"_index": index, "_id": doc_id, "found": False}, 404)
            return answer(
                {**self._meta(index, doc_id, doc), "found": True, "_source": doc["source"]}
            )

    def delete(self, index: str, doc_id: str, query: dict[str, str]) -> Reply:
        with self._lock:
            docs = self._docs(index)
            if isinstance(docs, Reply):
                return docs
            doc = docs.get(doc_id)
            if doc is None:
                return answer({"_index": index, "_id": doc_id, "result": "not_found"}, 404)
            if "if_seq_no" in query and str(doc["seq_no"]) != query["if_seq_no"]:
                return error(409, "version_conflict_engine_exception", f"[{doc_id}]: conflict")
            del docs[doc_id]
            return answer({**self._meta(index, doc_id, doc), "result": "deleted"})

    def bulk(self, request: Request) -> Reply:
        lines = [json.loads(line) for line in request.body.decode().splitlines() if line.strip()]
        items, pending = [], iter(lines)
        for action in pending:
            op, meta = next(iter(action.items()))
            index, doc_id = meta["_index"], meta["_id"]
            if op == "delete":
                reply = self.delete(index, doc_id, {})
            else:
                reply = self.write(index, doc_id, next(pending), op, {})
            body = dict(reply.body)
            body.update({"_index": index, "_id": doc_id, "status": reply.status})
            items.append({op: body})
        errors = any(next(iter(i.values()))["status"] >= 300 for i in items)
        return answer({"took": 1, "errors": errors, "items": items})

    # -- search ----------------------------------------------------------------

    def search(self, index: str, body: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
        with self._lock:
            docs = [
                (name, doc_id, doc)
                for name in self.resolve(index)
                for doc_id, doc in self.indices[name]["docs"].items()
            ]
        hits = []
        for name, doc_id, doc in docs:
            matched, score = evaluate(body.get("query", {"match_all": {}}), doc["source"])
            if matched:
                hits.append(
                    {"_index": name, "_id": doc_id, "_score": score, "_source": doc["source"]}
                )
        sort = body.get("sort") or [{"_score": "desc"}]
        sort = [sort] if isinstance(sort, str | dict) else sort
        sort = [{spec: "asc"} if isinstance(spec, str) else spec for spec in sort]
        for hit in hits:
            hit["sort"] = [sort_value(hit, spec) for spec in sort]
        hits.sort(key=functools.cmp_to_key(lambda a, b: compare(a["sort"], b["sort"], sort)))
        total = len(hits)
        if "search_after" in body:
            hits = [h for h in hits if compare(h["sort"], body["search_after"], sort) > 0]
        return hits, total

    def _routes(self) -> None:
        route = self.standin.route
        route("GET", "/")(
            lambda r: answer({"version": {"number": "8.19.3"}, "tagline": "You Know, for Search"})
        )
        route("GET", "/_cluster/health")(
            lambda r: answer({"cluster_name": "standin", "status": "green"})
        )
        route("GET", r"/_alias/(?P<name>[^/]+)")(self._get_alias)
        route("POST", "/_aliases")(self._update_aliases)
        route("PUT", r"/(?P<index>[^/_][^/]*)/_alias/(?P<name>[^/]+)")(self._put_alias)
        route("PUT", r"/(?P<index>[^/_][^/]*)")(self._create_index)
        route("DELETE", r"/(?P<index>[^/_][^/]*)")(self._delete_index)
        route("POST", r"/(?P<index>[^/]+)/_refresh")(lambda r: answer({"_shards": {"failed": 0}}))
        for method in ("PUT", "POST"):
            route(method, r"/(?P<index>[^/]+)/_create/(?P<id>[^/]+)")(
                lambda r: self.write(r.match["index"], r.match["id"], r.json(), "create", r.query)
            )
            route(method, r"/(?P<index>[^/]+)/_doc/(?P<id>[^/]+)")(
                lambda r: self.write(
                    r.match["index"],
                    r.match["id"],
                    r.json(),
                    r.query.get("op_type", "index"),
                    r.query,
                )
            )
            route(method, "/_bulk")(self.bulk)
        route("GET", r"/(?P<index>[^/]+)/_doc/(?P<id>[^/]+)")(
            lambda r: self.get(r.match["index"], r.match["id"])
        )
        route("DELETE", r"/(?P<index>[^/]+)/_doc/(?P<id>[^/]+)")(
            lambda r: self.delete(r.match["index"], r.match["id"], r.query)
        )
        route("POST", r"/(?P<index>[^/]+)/_mget")(self._mget)
        route("POST", r"/(?P<index>[^/]+)/_search")(self._search)
        route("POST", "/_search/scroll")(self._scroll)
        route("DELETE", "/_search/scroll")(lambda r: answer({"succeeded": True, "num_freed": 1}))

    def _get_alias(self, request: Request) -> Reply:
        name = request.match["name"]
        if not self.aliases.get(name):
            return answer({"error": f"alias [{name}] missing", "status": 404}, 404)
        return answer({index: {"aliases": {name: {}}} for index in sorted(self.aliases[name])})

    def _put_alias(self, request: Request) -> Reply:
        self.aliases.setdefault(request.match["name"], set()).add(request.match["index"])
        return answer({"acknowledged": True})

    def _update_aliases(self, request: Request) -> Reply:
        actions = request.json()["actions"]
        if self.swap_error is not None:
            return self.swap_error
        with self._lock:
            self.alias_actions.append(actions)
            for action in actions:
                ((op, target),) = action.items()
                if target["index"] not in self.indices:
                    return error(
                        404, "index_not_found_exception", f"no such index [{target['index']}]"
                    )
            for action in actions:
                ((op, target),) = action.items()
                members = self.aliases.setdefault(target["alias"], set())
                (members.add if op == "add" else members.discard)(target["index"])
        return answer({"acknowledged": True})

    def _create_index(self, request: Request) -> Reply:
        name, body = request.match["index"], request.json() or {}
        with self._lock:
            if name in self.indices:
                return error(
                    400, "resource_already_exists_exception", f"index [{name}/abc] already exists"
                )
            self.indices[name] = {
                "mappings": body.get("mappings"),
                "settings": body.get("settings"),
                "docs": {},
            }
            for alias in body.get("aliases") or {}:
                self.aliases.setdefault(alias, set()).add(name)
        return answer({"acknowledged": True, "shards_acknowledged": True, "index": name})

    def _delete_index(self, request: Request) -> Reply:
        with self._lock:
            for name in request.match["index"].split(","):
                self.indices.pop(name, None)
                for members in self.aliases.values():
                    members.discard(name)
        return answer({"acknowledged": True})

    def _mget(self, request: Request) -> Reply:
        index = request.match["index"]
        docs = [self.get(index, doc_id).body for doc_id in request.json()["ids"]]
        return answer({"docs": docs})

    def _search(self, request: Request) -> Reply:
        body = request.json() or {}
        if body.get("size", 10) + body.get("from", 0) > 10_000:
            return error(
                400,
                "illegal_argument_exception",
                "Result window is too large, from + size must be less than or equal to: [10000]",
            )
        hits, total = self.search(request.match["index"], body)
        if "scroll" in request.query:
            scroll_id = f"scroll-{next(self._seq)}"
            self._scrolls[scroll_id] = hits
            return self._scroll_page(scroll_id, total, body.get("size", 10))
        return answer(
            {
                "took": 1,
                "timed_out": False,
                "hits": {
                    "total": {"value": total, "relation": "eq"},
                    "hits": hits[: body.get("size", 10)],
                },
            }
        )

    def _scroll(self, request: Request) -> Reply:
        scroll_id = request.json()["scroll_id"]
        return self._scroll_page(scroll_id, 0, 500)

    def _scroll_page(self, scroll_id: str, total: int, size: int) -> Reply:
        page, self._scrolls[scroll_id] = (
            self._scrolls[scroll_id][:size],
            self._scrolls[scroll_id][size:],
        )
        return answer(
            {
                "_scroll_id": scroll_id,
                "timed_out": False,
                "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
                "hits": {"total": {"value": total, "relation": "eq"}, "hits": page},
            }
        )


def strict_violation(mappings: dict[str, Any] | None, source: Any) -> str | None:
    """The first field a `dynamic: strict` mapping (with our `links.*.<field>` templates)
    would refuse, or None."""
    if not mappings or mappings.get("dynamic") != "strict" or not isinstance(source, dict):
        return None
    known = mappings.get("properties", {})
    templated = {
        spec["path_match"].removeprefix("links.*.")
        for template in mappings.get("dynamic_templates", [])
        for spec in template.values()
        if spec["path_match"].startswith("links.*.") and spec["mapping"].get("type") != "object"
    }
    for name, value in source.items():
        if name not in known:
            return str(name)
        if name == "links" and templated:
            for platform, link in value.items():
                for field in link:
                    if field not in templated:
                        return f"links.{platform}.{field}"
    return None


def evaluate(query: dict[str, Any], source: dict[str, Any]) -> tuple[bool, float]:
    """Whether a document matches a query (the subset our code sends) and its naive score."""
    ((kind, spec),) = query.items()
    if kind == "match_all":
        return True, 1.0
    if kind == "bool":
        score = 0.0
        for clause in [*spec.get("must", []), *spec.get("filter", [])]:
            matched, part = evaluate(clause, source)
            if not matched:
                return False, 0.0
            score += part
        should = [evaluate(clause, source) for clause in spec.get("should", [])]
        if sum(matched for matched, _ in should) < spec.get("minimum_should_match", 0):
            return False, 0.0
        return True, score + sum(part for matched, part in should if matched)
    if kind in ("term", "terms", "range"):
        ((field, value),) = spec.items()
        actual = source.get(field)
        values = actual if isinstance(actual, list) else [actual]
        if kind == "term":
            return value in values, 0.0
        if kind == "terms":
            return any(v in values for v in value), 0.0
        ops = {
            "lt": lambda a, b: a < b,
            "lte": lambda a, b: a <= b,
            "gt": lambda a, b: a > b,
            "gte": lambda a, b: a >= b,
        }
        ok = actual is not None and all(ops[op](actual, bound) for op, bound in value.items())
        return ok, 0.0
    if kind == "multi_match":
        terms, score = words(spec["query"]), 0.0
        if not terms:
            return False, 0.0
        for field in spec["fields"]:
            name, _, boost = field.partition("^")
            have = words(source.get(name) or "")
            if spec.get("type") == "bool_prefix":
                ok = all(t in have for t in terms[:-1]) and any(
                    h.startswith(terms[-1]) for h in have
                )
            else:
                ok = all(t in have for t in terms)
            score += float(boost or 1) * len(terms) if ok else 0.0
        return score > 0, score
    raise AssertionError(f"the stand-in does not know the query {kind}")


def sort_value(hit: dict[str, Any], spec: dict[str, str]) -> Any:
    ((field, _order),) = spec.items()
    if field == "_score":
        return hit["_score"]
    if field == "_doc":
        return 0
    value = hit["_source"].get(field)
    if field.endswith("_at") and isinstance(value, str):
        from datetime import datetime

        return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() * 1000)
    return value


def compare(a: list[Any], b: list[Any], sort: list[dict[str, str]]) -> int:
    for left, right, spec in zip(a, b, sort, strict=True):
        if left == right:
            continue
        order = next(iter(spec.values()))
        if left is None or right is None:
            return 1 if left is None else -1  # missing values last
        smaller = -1 if left < right else 1
        return smaller if order == "asc" else -smaller
    return 0
