"""Pages as a browser's parser reads them, for tests that check what a page says."""

from __future__ import annotations

from html.parser import HTMLParser

HTML = "text/html; charset=utf-8"


class Parsed(HTMLParser):
    """Every element with its attributes, the text of each, and the `<style>`'s text,
    as a browser's parser reads them (entities decoded)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.style = ""
        self.link_texts: list[str] = []  # the words of each `<a>`, in order
        self._open: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        if tag == "a":
            self.link_texts.append("")
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] == "style":
            self.style += data
        elif data.strip():
            self.text.append(data.strip())
            if "a" in self._open:
                self.link_texts[-1] = (self.link_texts[-1] + " " + data.strip()).strip()

    def all(self, tag: str, **attributes: str) -> list[dict[str, str]]:
        wanted = attributes.items()
        return [
            found
            for name, found in self.elements
            if name == tag and all(found.get(key) == value for key, value in wanted)
        ]

    def meta(self, key: str) -> str | None:
        for found in self.all("meta"):
            if key in (found.get("property"), found.get("name")):
                return found.get("content")
        return None
