"""The correspondence network, drawn as SVG.

Up to DETAILED correspondents, every one is drawn: correspondents as nodes, letters as directed
edges with counts, laid out by networkx (a fixed seed, so every build draws the same picture);
copies are dashed. The edges are the pairs of the correspondents table
(`metadata.correspondence_pairs`), so the drawing and the table beside it show the same data.

A larger network is a hairball drawn that way: the drawing then shows the STRONGEST
correspondents (by the documents they sent and received) on a ring, the one who wrote to or
received from most of them in the middle when there is such a one, each line as thick as the
documents between the two and numbered on the spokes; every other correspondent is in the
table beside it and on the registers. A person's own network (`ego_svg`) is drawn the same way
on their register page: them in the middle, their correspondents around.

Each node links to its register entry. The drawing is made once per build, here, from the
pairs' counts (a pair a part: toolkit/parts.py); correspondents.html embeds this builder's
file (the site builder declares that it reads it).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field

import networkx
from lxml import etree

from ..authority import AuthorityIndex, register_href
from ..labels import Labels
from ..metadata import Letter, Name, letter_pairs, pair_key
from ..svg import element as _svg, svg_file
from . import Context, CorpusInput, PartedBuilder

SIZE = 360
MARGIN = 48  # room for the labels around the outer nodes
SEED = 1920
NETWORK_SVG = "html/network.svg"
NODE_RADIUS = 6
DETAILED = 24  # correspondents drawn each with its own arrows; above, the strongest on a ring
STRONGEST = 24  # correspondents a ring shows
LISTED = 12  # documents an edge's title numbers; more are counted only


@dataclass
class Pair:
    """Letters from one correspondent to another (copies apart): how many, and which when few."""

    sender: Name
    recipient: Name
    cc: bool
    count: int
    docs: list[str] = field(default_factory=list)  # the documents' numbers, up to LISTED


def node_key(name: Name) -> str:
    return name.ref or f"name:{name.name}"


def pairs_of(letters: list[Letter], unnamed: str) -> list[Pair]:
    """The pairs of a list of letters, as correspondence_pairs orders them (for a drawing made at once)."""
    from ..metadata import correspondence_pairs

    return [Pair(s, r, cc, len(found), [letter.doc_id for letter in found][:LISTED] if len(found) <= LISTED else [])
            for s, r, cc, found in correspondence_pairs(letters, unnamed)]


def correspondence_graph(pairs: list[Pair]) -> networkx.MultiDiGraph:
    """One node per correspondent, one edge per (sender, recipient, copy or not) with its count."""
    graph = networkx.MultiDiGraph()
    names = {}
    for pair in pairs:
        names.setdefault(node_key(pair.sender), pair.sender)
        names.setdefault(node_key(pair.recipient), pair.recipient)
    for key in sorted(names):  # insertion order fixes the layout together with the seed
        graph.add_node(key, name=names[key])
    for pair in pairs:
        graph.add_edge(node_key(pair.sender), node_key(pair.recipient), cc=pair.cc, count=pair.count, docs=pair.docs)
    return graph


STRIP = 130  # height of the row of small groups under the main one


def _fit(positions: dict, left: float, top: float, width: float, height: float) -> dict[str, tuple[float, float]]:
    """Scale layout coordinates into a box, rounded so the bytes do not depend on float noise."""
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    span_x, span_y = (max(xs) - min(xs)), (max(ys) - min(ys))
    fitted = {}
    for key, (x, y) in positions.items():
        fx = (x - min(xs)) / span_x if span_x > 1e-9 else 0.5
        fy = (y - min(ys)) / span_y if span_y > 1e-9 else 0.5
        fitted[key] = (round(left + fx * width, 1), round(top + fy * height, 1))
    return fitted


def _rings(component: networkx.Graph) -> dict:
    """Hubs (who wrote to or received from the most others) in the middle, the rest around them,
    each beside its first hub so few edges cross; networkx's spring layout (fixed seed) then
    settles the positions without moving them far."""
    if len(component) == 1:
        return {next(iter(component)): (0.0, 0.0)}
    degree = dict(component.degree())
    ranked = sorted(component.nodes, key=lambda n: (-degree[n], n))
    hubs = [n for n in ranked if degree[n] >= 3][:3] or ranked[:1]
    outer = sorted((n for n in component.nodes if n not in hubs),
                   key=lambda n: (min((hubs.index(h) for h in component[n] if h in hubs), default=len(hubs)), n))
    shells = [hubs, outer] if outer else [hubs]
    start = networkx.shell_layout(component, nlist=shells, scale=1.0)
    return networkx.spring_layout(component, pos=start, seed=SEED, k=2.5 / math.sqrt(len(component)),
                                  iterations=15, fixed=None)


def layout(graph: networkx.MultiDiGraph) -> tuple[dict[str, tuple[float, float]], int]:
    """Node positions and the drawing's height: the largest group of correspondents fills the
    square, smaller groups (who never wrote to the others) sit in a row below it."""
    simple = networkx.Graph(graph.to_undirected())
    groups = sorted((simple.subgraph(c) for c in networkx.connected_components(simple)),
                    key=lambda g: (-len(g), min(g.nodes)))
    inner = SIZE - 2 * MARGIN
    positions = _fit(_rings(groups[0]), MARGIN, MARGIN - 16, inner, inner)
    rest = groups[1:]
    for index, group in enumerate(rest):
        cell = (SIZE - 2 * MARGIN) / len(rest)
        left = MARGIN + index * cell
        positions.update(_fit(_rings(group), left + cell * 0.25, SIZE, cell * 0.5, STRIP - 40))
    return positions, SIZE + (STRIP if rest else 0)


def _label(name: Name, authority: AuthorityIndex) -> str:
    """Surname for a person; a long name shortened (the node's title has it in full)."""
    entry = authority.get(name.ref) if name.ref else None
    label = (entry.surname or entry.name) if entry else name.name
    return label if len(label) <= 20 else label[:18].rstrip() + "…"


def _edge_path(start, end, bend: float) -> tuple[str, tuple[float, float]]:
    """A path from node to node that stops at the target's rim; bent when the pair goes both ways."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1
    nx, ny = -dy / length, dx / length  # the normal, to bend along
    cx, cy = (x1 + x2) / 2 + nx * bend, (y1 + y2) / 2 + ny * bend
    # stop short of the target so the arrowhead touches its circle
    tx, ty = x2 - cx, y2 - cy
    t_len = math.hypot(tx, ty) or 1
    ex, ey = x2 - tx / t_len * (NODE_RADIUS + 2), y2 - ty / t_len * (NODE_RADIUS + 2)
    r = lambda v: round(v, 1)  # noqa: E731
    mid = (r((x1 + 2 * cx + ex) / 4), r((y1 + 2 * cy + ey) / 4))
    return f"M{r(x1)},{r(y1)} Q{r(cx)},{r(cy)} {r(ex)},{r(ey)}", mid


def line_width(count: int, most: int) -> float:
    """A line's width for its documents: a step of 0.6 a document while few, then growing with
    the logarithm up to 6 for the most (a few correspondents with thousands of letters)."""
    return round(1 + min(0.6 * (count - 1), 5 * math.log(count) / math.log(max(most, 10))), 1)


def network_svg(pairs: list[Pair], authority: AuthorityIndex, labels: Labels) -> etree._Element | None:
    """Every correspondent with arrows (up to DETAILED of them), else the strongest on a ring."""
    graph = correspondence_graph(pairs)
    if not len(graph):
        return None
    if len(graph) > DETAILED:
        return strongest_svg(pairs, authority, labels)
    positions, height = layout(graph)
    root = _svg("svg", viewBox=f"0 0 {SIZE} {height}", width=SIZE, height=height, class_="network",
                aria_labelledby="network-svg-title", font_family="Georgia, 'Times New Roman', serif", font_size="11")
    _svg("title", root, labels["correspondents.drawing"], id="network-svg-title")
    defs = _svg("defs", root)
    marker = _svg("marker", defs, id="arrow", viewBox="0 0 10 10", refX="9", refY="5", markerWidth="7",
                  markerHeight="7", orient="auto-start-reverse")
    _svg("path", marker, d="M0,0 L10,5 L0,10 z", fill="#4a4a4a")
    edges = _svg("g", root, class_="edges")
    most = max(data["count"] for _, _, data in graph.edges(data=True))
    for source, target, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["cc"])):
        both_ways = graph.has_edge(target, source)
        bend = (14 if both_ways else 0) + (10 if data["cc"] else 0)
        path, (mx, my) = _edge_path(positions[source], positions[target], bend)
        sender, recipient = graph.nodes[source]["name"], graph.nodes[target]["name"]
        group = _svg("g", edges, class_="edge")
        what = f"correspondents.{'copies' if data['cc'] else 'documents'}-{'one' if data['count'] == 1 else 'other'}"
        edge = "correspondents.edge" if data["docs"] else "correspondents.edge-count"
        _svg("title", group, labels.text(edge, sender=sender.name, recipient=recipient.name,
                                         count=labels.text(what, count=data["count"]), documents=", ".join(data["docs"])))
        _svg("path", group, d=path, fill="none", stroke="#4a4a4a", stroke_width=line_width(data["count"], most),
             marker_end="url(#arrow)", **({"stroke_dasharray": "4 3"} if data["cc"] else {}))
        if data["count"] > 1:
            _svg("text", group, str(data["count"]), x=mx, y=my - 3, text_anchor="middle", fill="#1b1b1b",
                 font_size="10", font_weight="bold")
    nodes = _svg("g", root, class_="nodes")
    centre = _centres(graph, positions)
    for key in sorted(graph.nodes):
        name = graph.nodes[key]["name"]
        x, y = positions[key]
        entry = authority.get(name.ref) if name.ref else None
        page = register_href(entry) if entry is not None else None
        parent = _svg("a", nodes, href=page, class_="network-node") if page else _svg("g", nodes)
        _svg("title", parent, name.name)
        _svg("circle", parent, cx=x, cy=y, r=NODE_RADIUS, fill="#0b4f9c" if page else "#4a4a4a")
        # the label on the side away from the middle of its group, where the edges are not
        cx, cy = centre[key]
        label = _label(name, authority)
        anchor = "start" if x >= cx else "end"
        width = 6 * len(label)  # about that many user units at this size: keep the label inside
        if anchor == "end" and x - 8 - width < 0:
            anchor = "start"
        elif anchor == "start" and x + 8 + width > SIZE:
            anchor = "end"
        below = y > cy + 1
        _svg("text", parent, label, x=round(x + (8 if anchor == "start" else -8), 1),
             y=round(y + 16 if below else y - 8, 1), text_anchor=anchor, fill="#0b4f9c" if page else "#1b1b1b")
    return root


def _centres(graph, positions) -> dict[str, tuple[float, float]]:
    """For every node, the mean position of its group of correspondents."""
    centres = {}
    for group in networkx.connected_components(networkx.Graph(graph.to_undirected())):
        xs = [positions[n][0] for n in group]
        ys = [positions[n][1] for n in group]
        for n in group:
            centres[n] = (sum(xs) / len(xs), sum(ys) / len(ys))
    return centres


# ---- a ring: the strongest correspondents, or a person's own ------------------------------

RING_LOOK = {"edge": {"stroke": "#4a4a4a", "stroke-opacity": "0.7"},
             "count": {"fill": "#1b1b1b", "font-size": "10", "font-weight": "bold", "text-anchor": "middle"},
             "node": {"fill": "#0b4f9c"}, "node-plain": {"fill": "#4a4a4a"},
             "name": {"fill": "#0b4f9c", "font-size": "10"}, "name-plain": {"fill": "#1b1b1b", "font-size": "10"}}
RADIUS = 112  # of the ring: room outside it for the names


def strongest_svg(pairs: list[Pair], authority: AuthorityIndex, labels: Labels, prefix: str = "") -> etree._Element:
    """The STRONGEST correspondents of a large network, on a ring (`prefix`: from the page to html/)."""
    names: dict[str, Name] = {}
    weight: Counter = Counter()
    between: dict[tuple[str, str], list[int]] = {}  # the two, in key order -> [first to second, second to first]
    for pair in pairs:
        if pair.cc:
            continue
        a, b = node_key(pair.sender), node_key(pair.recipient)
        names.setdefault(a, pair.sender)
        names.setdefault(b, pair.recipient)
        weight[a] += pair.count
        weight[b] += pair.count
        key = tuple(sorted((a, b)))
        between.setdefault(key, [0, 0])[0 if key[0] == a else 1] += pair.count
    shown = [k for k, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:STRONGEST]]
    edges = {key: counts for key, counts in between.items() if key[0] in shown and key[1] in shown}
    degree = Counter(k for key in edges for k in key)
    hub = shown[0] if shown and degree[shown[0]] >= 0.6 * (len(shown) - 1) else None
    title = labels.text("correspondents.strongest", shown=len(shown), total=len(names))
    return _ring(shown, hub, edges, weight, names, authority, labels, title, prefix)


def ego_svg(person: Name, partners: list[tuple[Name, int, int]], authority: AuthorityIndex, labels: Labels,
            prefix: str = "") -> etree._Element | None:
    """A person and their STRONGEST correspondents ((name, documents to them, from them)), on a ring."""
    if not partners:
        return None
    centre = node_key(person)
    names = {centre: person}
    weight: Counter = Counter()
    edges = {}
    for partner, sent, received in sorted(partners, key=lambda p: (-(p[1] + p[2]), node_key(p[0])))[:STRONGEST]:
        key = node_key(partner)
        names[key] = partner
        weight[key] = sent + received
        edges[tuple(sorted((centre, key)))] = [sent, received] if centre < key else [received, sent]
    weight[centre] = sum(weight.values())
    shown = [centre] + sorted((k for k in names if k != centre), key=lambda k: (-weight[k], k))
    title = labels.text("correspondents.own" if len(partners) > STRONGEST else "correspondents.own-all",
                        name=person.name, shown=len(shown) - 1, total=len(partners))
    return _ring(shown, centre, edges, weight, names, authority, labels, title, prefix)


def _ring(shown: list[str], hub: str | None, edges: dict, weight: Counter, names: dict[str, Name],
          authority: AuthorityIndex, labels: Labels, title: str, prefix: str) -> etree._Element:
    """Nodes on a ring (the hub, if any, in its middle), clockwise from the top by weight; a line
    per pair as thick as its documents; the spokes numbered."""
    centre = SIZE / 2
    around = [k for k in shown if k != hub]
    positions = {hub: (centre, centre)} if hub else {}
    for index, key in enumerate(around):
        angle = -math.pi / 2 + 2 * math.pi * index / max(len(around), 1)
        positions[key] = (round(centre + RADIUS * math.cos(angle), 1), round(centre + RADIUS * math.sin(angle), 1))
    most = max((sum(counts) for counts in edges.values()), default=1)
    root = _svg("svg", viewBox=f"0 0 {SIZE} {SIZE}", width=SIZE, height=SIZE, class_="network ring",
                aria_labelledby="network-svg-title", font_family="Georgia, 'Times New Roman', serif", font_size="11")
    _svg("title", root, title, id="network-svg-title")
    lines = _svg("g", root, class_="edges")
    for (a, b), (ab, ba) in sorted(edges.items()):
        total = ab + ba
        (x1, y1), (x2, y2) = positions[a], positions[b]
        group = _svg("g", lines, class_="edge")
        _svg("title", group, labels.text("correspondents.both-ways", first=names[a].name, second=names[b].name,
                                         there=ab, back=ba))
        element = _svg("line", group, x1=x1, y1=y1, x2=x2, y2=y2, stroke_width=line_width(total, most))
        element.attrib.update(RING_LOOK["edge"])
        if hub in (a, b):  # a spoke: its number near the outer end
            outer = positions[b if a == hub else a]
            _haloed(group, str(total), RING_LOOK["count"], x=round(centre + (outer[0] - centre) * 0.7, 1),
                    y=round(centre + (outer[1] - centre) * 0.7 + 3, 1))
    nodes = _svg("g", root, class_="nodes")
    heaviest = max(weight[k] for k in shown) or 1
    labels_used = _short_labels(shown, names, authority)
    for key in shown:
        name, (x, y) = names[key], positions[key]
        entry = authority.get(name.ref) if name.ref else None
        page = register_href(entry) if entry is not None else None
        parent = _svg("a", nodes, href=prefix + page, class_="network-node") if page else _svg("g", nodes)
        _svg("title", parent, labels.text("correspondents.node", name=name.name, count=weight[key]))
        radius = round(3 + 6 * math.sqrt(weight[key] / heaviest), 1)
        circle = _svg("circle", parent, cx=x, cy=y, r=radius)
        circle.attrib.update(RING_LOOK["node" if page else "node-plain"])
        if key == hub:
            lx, ly, anchor = x, y + radius + 12, "middle"
        else:
            dx, dy = x - centre, y - centre
            distance = math.hypot(dx, dy) or 1
            lx, ly = x + dx / distance * (radius + 4), y + dy / distance * (radius + 4) + 3
            anchor = "start" if dx > 1 else "end" if dx < -1 else "middle"
        look = {**RING_LOOK["name" if page else "name-plain"], "text-anchor": anchor}
        if key == hub:  # over the spokes
            _haloed(parent, labels_used[key], look, x=round(lx, 1), y=round(ly, 1))
        else:
            _svg("text", parent, labels_used[key], x=round(lx, 1), y=round(ly, 1)).attrib.update(look)
    return root


def _haloed(parent: etree._Element, text: str, look: dict, **position) -> None:
    """A text readable over lines: a copy in the page's colour, thickly stroked, under it (hidden
    from screen readers; SVG's paint-order is not in HTML's validators' SVG yet)."""
    halo = _svg("text", parent, text, aria_hidden="true", **position)
    halo.attrib.update({**look, "fill": "#fcfbf7", "stroke": "#fcfbf7", "stroke-width": "3"})
    _svg("text", parent, text, **position).attrib.update(look)


def _short_labels(keys: list[str], names: dict[str, Name], authority: AuthorityIndex) -> dict[str, str]:
    """Surnames; where two would read alike, the names in full (shortened)."""
    short = {key: _label(names[key], authority) for key in keys}
    alike = Counter(short.values())
    for key in keys:
        if alike[short[key]] > 1:
            full = names[key].name
            short[key] = full if len(full) <= 20 else full[:18].rstrip() + "…"
    return short


# ---- the builder: a pair of correspondents a part ------------------------------------------

def pair_part(sender: Name, recipient: Name, cc: bool) -> str:
    return json.dumps(pair_key(sender, recipient, cc), ensure_ascii=False)


def name_value(name: Name) -> list[str]:
    return [name.kind, name.ref, name.name, name.text]


class NetworkBuilder(PartedBuilder):
    """html/network.svg: the drawing as a file of its own (correspondents.html embeds the same),
    made from the pairs' counts; a pair of correspondents a part, without outputs of its own."""

    name = "network"
    depends_on = ("letters", "authority", "labels")  # the correspondents, named by their entries

    def split(self, letter: Letter, page_key: str, context: Context) -> dict[str, object]:
        number = letter.doc_id
        return {pair_part(sender, recipient, cc): [number, name_value(sender), name_value(recipient)]
                for sender, recipient, cc in letter_pairs(letter, context.labels["site.unnamed"])}

    def build_part(self, part: str, values: list, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        return {}

    def summary(self, part: str, values: list) -> object:
        # the names the last document gives them, as correspondence_pairs keeps them
        return {"count": len(values), "docs": [v[0] for v in values] if len(values) <= LISTED else [],
                "from": values[-1][1], "to": values[-1][2]}

    def build_whole(self, summaries: dict[str, object], corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        drawing = network_svg(pairs_from(summaries), context.authority, context.labels)
        return {NETWORK_SVG: svg_file(drawing)} if drawing is not None else {}


def pairs_from(summaries: dict[str, object]) -> list[Pair]:
    """The pairs of the network builder's parts, in the order of correspondence_pairs."""
    pairs = [Pair(Name(*summary["from"]), Name(*summary["to"]), json.loads(part)[2], summary["count"], summary["docs"])
             for part, summary in summaries.items()]
    return sorted(pairs, key=lambda p: (p.sender.name.casefold(), p.recipient.name.casefold(), p.cc,
                                        pair_key(p.sender, p.recipient, p.cc)))
