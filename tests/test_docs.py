"""Documentation that must not drift: the CLI reference, settings, and module docstrings."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import enlace
from enlace import settings

ROOT = Path(__file__).parent.parent
PACKAGE = Path(enlace.__file__).parent


def test_cli_reference_is_current(tmp_path: Path) -> None:
    out = tmp_path / "cli.md"
    typer = Path(sys.executable).parent / "typer"
    subprocess.run([str(typer), "enlace.cli", "utils", "docs", "--name", "enlace",
                    "--title", "enlace command line", "--output", str(out)],
                   check=True, capture_output=True)
    assert out.read_text() == (ROOT / "docs" / "cli.md").read_text(), "run `make docs`"


def test_every_setting_is_documented() -> None:
    source = Path(settings.__file__).read_text()
    names = set(re.findall(r'"(ENLACE_[A-Z_]+)"', source))
    documented = (ROOT / "docs" / "settings.md").read_text()
    assert names and all(f"`{name}`" in documented for name in names)


def test_every_module_has_a_docstring() -> None:
    missing = [str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
               if ast.get_docstring(ast.parse(path.read_text())) is None
               and "versions" not in path.parts]
    assert missing == []


def test_readme_commands_exist() -> None:
    readme = (ROOT / "README.md").read_text()
    first_screen = "\n".join(readme.splitlines()[:20])
    assert "make demo" in first_screen and "make test" in first_screen
    makefile = (ROOT / "Makefile").read_text()
    assert "\ndemo: install\n\t$(BIN)/enlace demo" in makefile
    assert "\ntest: install\n\t$(BIN)/pytest -q" in makefile
