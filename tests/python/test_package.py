"""The package: public names, the helpful message without _core, the type stubs, installation."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import finsam
from finsam import _core
from conftest import DALARNA, ROOT


def test_public_names():
    assert finsam.__all__ == sorted(set(finsam.__all__), key=finsam.__all__.index)  # no duplicates
    namespace: dict = {}
    exec("from finsam import *", namespace)
    assert sorted(n for n in namespace if n != "__builtins__") == sorted(finsam.__all__)
    assert finsam.PLAN_FORMAT == "finsam/1" and finsam.RESULT_FORMAT == "finsam-result/1"


def test_version_is_the_cli_version(cli):
    rc, out, _ = cli.run("--version")
    assert rc == 0 and out == f"finsam {finsam.__version__} (reads finsam/1)\n"


def test_a_helpful_message_without_the_compiled_module():
    # the source tree's python/finsam/ has no _core: importing it must say what to do
    env = dict(os.environ, PYTHONPATH=str(ROOT / "python"))
    p = subprocess.run([sys.executable, "-c", "import finsam"], capture_output=True, text=True, env=env, check=False)
    assert p.returncode == 1
    assert "ImportError: finsam: the compiled module finsam._core is missing or cannot be loaded" in p.stderr
    assert "cmake --build build" in p.stderr and "PYTHONPATH=build/python" in p.stderr


# -- the stubs _core.pyi describe the compiled module exactly --------------------------------

STUB = Path(_core.__file__).with_name("_core.pyi")


def stub_signature(fn: ast.FunctionDef) -> str:
    args = fn.args
    defaults = [None] * (len(args.args) - len(args.defaults)) + list(args.defaults)
    params = []
    for a, d in zip(args.args, defaults):
        text = a.arg + (f": {ast.unparse(a.annotation)}" if a.annotation else "")
        params.append(text + (f" = {ast.unparse(d)}" if d is not None else ""))
    return f"{fn.name}({', '.join(params)}) -> {ast.unparse(fn.returns)}"


def runtime_signature(obj, name: str) -> str:
    first = obj.__doc__.splitlines()[0]
    first = re.sub(r"\b(self|arg0): finsam\._core\.\w+", "self", first)
    first = first.replace("finsam._core.", "")
    return first if first.startswith(name + "(") else name + first


def members_of(body):
    out = {}
    for node in body:
        if isinstance(node, ast.FunctionDef):
            out[node.name] = node
        elif isinstance(node, ast.ClassDef):
            out[node.name] = node
        elif isinstance(node, ast.AnnAssign):
            out[node.target.id] = node
    return out


def test_stubs_match_the_compiled_module():
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    stub = members_of(tree.body)
    public = {n for n in dir(_core) if not n.startswith("_")} | {"__version__"}
    assert set(stub) == public
    checked = 0
    for name, node in stub.items():
        obj = getattr(_core, name)
        if isinstance(node, ast.FunctionDef):
            assert stub_signature(node) == runtime_signature(obj, name)
            checked += 1
        elif isinstance(node, ast.AnnAssign):
            assert isinstance(obj, eval(ast.unparse(node.annotation)))
        else:
            members = members_of(node.body)
            runtime = {n for n in vars(obj) if not n.startswith("_") or n in ("__getstate__", "__setstate__")}
            assert set(members) == runtime, name
            for mname, m in members.items():
                attr = vars(obj)[mname]
                if mname.startswith("__"):
                    continue
                is_property = any(ast.unparse(d) == "property" for d in m.decorator_list)
                assert is_property == isinstance(attr, property), mname
                target = attr.fget if is_property else getattr(obj, mname)
                assert stub_signature(m) == runtime_signature(target, mname), f"{name}.{mname}"
                checked += 1
    assert checked >= 25  # every function, method and property


def test_the_build_tree_has_the_package_files():
    here = Path(finsam.__file__).parent
    for f in ("__init__.py", "_core.pyi", "py.typed"):
        assert (here / f).is_file()


def test_cmake_install_puts_an_importable_package_in_dist_packages(tmp_path: Path):
    build = Path(os.environ.get("FINSAM_BUILD_DIR", ROOT / "build"))
    prefix = tmp_path / "prefix"
    subprocess.run(["cmake", "--install", str(build), "--prefix", str(prefix), "--component", "python"],
                   check=True, capture_output=True)
    site = prefix / "lib" / "python3" / "dist-packages"
    assert sorted(p.name for p in (site / "finsam").iterdir() if not p.name.startswith("_core.")) == sorted(
        ["__init__.py", "_allocation.py", "_base.py", "_encode.py", "_errors.py", "_followup.py", "_frames.py", "_money.py", "_plan.py",
         "_plot.py", "_result.py", "_sie.py", "_sweep.py", "_tables.py", "_units.py", "py.typed"])
    assert len(list((site / "finsam").glob("_core.cpython-*.so"))) == 1
    code = ("import finsam, sys; r = finsam.load(sys.argv[1]).evaluate('sater-joins'); "
            "print(finsam.__file__); print(r.contributions()['final'].loc[2011, 'sater'])")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    p = subprocess.run([sys.executable, "-c", code, str(DALARNA)], capture_output=True, text=True, env=env, check=True)
    where, value = p.stdout.splitlines()
    assert where == str(site / "finsam" / "__init__.py")
    assert value == "104088.00"  # Säter 2011, examples/README.md 2.5


def _sibling_imports(path: Path) -> set:
    """The package modules `path` imports at run time (at any depth, but not under
    ``if TYPE_CHECKING:``, which only type checkers read)."""
    found = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module)
            else:
                found.update(a.name for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found - {"_core"}


def test_modules_import_each_other_in_one_direction():
    package = ROOT / "python" / "finsam"
    graph = {p.stem: _sibling_imports(p) for p in package.glob("*.py")}
    assert graph["_result"] >= {"_base", "_plan", "_tables"}  # the test reads the imports it should
    done, path = set(), []

    def walk(module: str) -> None:
        assert module not in path, "import cycle: " + " -> ".join(path + [module])
        if module in done:
            return
        path.append(module)
        for imported in sorted(graph.get(module, ())):
            walk(imported)
        path.pop()
        done.add(module)

    for module in sorted(graph):
        walk(module)

