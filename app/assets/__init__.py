"""Front-end assets installed from npm (NL Design System CSS and tokens), served from node_modules."""
from pathlib import Path

from flask import Blueprint, abort, current_app, send_from_directory

bp = Blueprint("assets", __name__)

# Only these files are served: a fixed list, never a path taken from the request.
VENDOR_FILES = {
    "utrecht-components.css": "@utrecht/component-library-css/dist/index.css",
    "utrecht-theme.css": "@utrecht/design-tokens/dist/theme.css",
}


@bp.route("/vendor/<name>")
def vendor(name: str):
    """One of the whitelisted NL Design System files."""
    if name not in VENDOR_FILES:
        abort(404)
    path = Path(current_app.config["VENDOR_DIR"]) / VENDOR_FILES[name]
    if not path.exists():
        abort(404)
    return send_from_directory(path.parent, path.name, max_age=3600)
