"""The correspondence network: correspondents as nodes, letters as directed edges with counts,
laid out by networkx (a fixed seed, so every build draws the same picture) and drawn as SVG.

The edges are the pairs of the correspondents table (`metadata.correspondence_pairs`), so the
drawing and the table beside it show the same data; copies are dashed. Each node links to its
register entry. The drawing is made once per build, here; correspondents.html embeds this
builder's file (the site builder declares that it reads it).
"""

from __future__ import annotations

import math

import networkx
from lxml import etree

from ..authority import AuthorityIndex, register_href
from ..labels import Labels
from ..metadata import Letter, Name, correspondence_pairs
from ..svg import element as _svg, svg_file
from . import Context, CorpusBuilder, CorpusInput

SIZE = 360
MARGIN = 48  # room for the labels around the outer nodes
SEED = 1920
NETWORK_SVG = "html/network.svg"
NODE_RADIUS = 6


def node_key(name: Name) -> str:
    return name.ref or f"name:{name.name}"


def correspondence_graph(pairs: list[tuple[Name, Name, bool, list[Letter]]]) -> networkx.MultiDiGraph:
    """One node per correspondent, one edge per (sender, recipient, copy or not) with its count."""
    graph = networkx.MultiDiGraph()
    names = {}
    for sender, recipient, cc, letters in pairs:
        names.setdefault(node_key(sender), sender)
        names.setdefault(node_key(recipient), recipient)
    for key in sorted(names):  # insertion order fixes the layout together with the seed
        graph.add_node(key, name=names[key])
    for sender, recipient, cc, letters in pairs:
        graph.add_edge(node_key(sender), node_key(recipient), cc=cc, count=len(letters),
                       docs=[letter.doc_id for letter in letters])
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


def network_svg(pairs, authority: AuthorityIndex, labels: Labels) -> etree._Element | None:
    graph = correspondence_graph(pairs)
    if not len(graph):
        return None
    positions, height = layout(graph)
    root = _svg("svg", viewBox=f"0 0 {SIZE} {height}", width=SIZE, height=height, class_="network",
                aria_labelledby="network-svg-title", font_family="Georgia, 'Times New Roman', serif", font_size="11")
    _svg("title", root, labels["correspondents.drawing"], id="network-svg-title")
    defs = _svg("defs", root)
    marker = _svg("marker", defs, id="arrow", viewBox="0 0 10 10", refX="9", refY="5", markerWidth="7",
                  markerHeight="7", orient="auto-start-reverse")
    _svg("path", marker, d="M0,0 L10,5 L0,10 z", fill="#4a4a4a")
    edges = _svg("g", root, class_="edges")
    for source, target, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["cc"])):
        both_ways = graph.has_edge(target, source)
        bend = (14 if both_ways else 0) + (10 if data["cc"] else 0)
        path, (mx, my) = _edge_path(positions[source], positions[target], bend)
        sender, recipient = graph.nodes[source]["name"], graph.nodes[target]["name"]
        group = _svg("g", edges, class_="edge")
        what = f"correspondents.{'copies' if data['cc'] else 'documents'}-{'one' if data['count'] == 1 else 'other'}"
        _svg("title", group, labels.text("correspondents.edge", sender=sender.name, recipient=recipient.name,
                                         count=labels.text(what, count=data["count"]), documents=", ".join(data["docs"])))
        _svg("path", group, d=path, fill="none", stroke="#4a4a4a", stroke_width=round(1 + 0.6 * (data["count"] - 1), 1),
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


class NetworkBuilder(CorpusBuilder):
    """html/network.svg: the drawing as a file of its own (correspondents.html embeds the same)."""

    name = "network"
    depends_on = ("letters", "authority", "labels")  # the correspondents, named by their entries

    def build(self, corpus: CorpusInput, context: Context) -> dict[str, bytes]:
        pairs = correspondence_pairs(corpus.letters, context.labels["site.unnamed"])
        drawing = network_svg(pairs, context.authority, context.labels)
        return {NETWORK_SVG: svg_file(drawing)} if drawing is not None else {}
