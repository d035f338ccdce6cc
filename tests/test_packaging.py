"""The promises around the code: environment.yml matches pyproject.toml, README shows
the two commands, CI calls the README's test command, no project file reads ../shared."""

import re
import subprocess
from pathlib import Path

import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pytest brings tomli
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _name(req: str) -> str:
    return re.split(r"[<>=!~ \[;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_is_equivalent_to_pyproject():
    py = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r): r for r in py["dependencies"] + py["optional-dependencies"]["dev"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    listed = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for r in dep["pip"]:
                if not r.startswith("-e"):
                    listed[_name(r)] = r
        elif _name(dep) not in ("python", "pip"):
            listed[_name(dep)] = dep
    assert set(listed) == set(wanted)
    # same lower bounds
    for name, req in wanted.items():
        assert re.sub(r"\s", "", listed[name]).lower().replace("_", "-") == re.sub(r"\s", "", req).lower().replace(
            "_", "-"
        ), name
    assert any(isinstance(d, dict) and "-e .[dev]" in d["pip"] for d in env["dependencies"])


def test_readme_quick_start_is_two_commands_and_ci_runs_it():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    assert "make test" in (ROOT / ".ci/run").read_text()


def test_nothing_in_the_project_reads_the_shared_folder():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    offenders = []
    for f in files:
        p = ROOT / f
        if p.suffix in (".py", ".ipynb", ".cfg", ".toml", ".yml", ".md") or p.name in ("Makefile", "run"):
            text = p.read_text(encoding="utf-8", errors="ignore")
            if re.search(r"\.\./shared|/work/shared", text) and f != "tests/test_packaging.py":
                offenders.append(f)
    assert offenders == []
