"""Value classes: the part of the standard library's ``dataclasses`` this app uses, quick to define.

A read command defines some fifteen classes before it answers. On Python 3.11 ``dataclasses``
costs it 12 ms to import (it loads ``inspect`` with ``ast``, ``dis`` and ``tokenize``) and
1–1.5 ms per class (one ``exec`` per method it writes, six for a frozen class): together about
a third of what a read command spends beyond a bare Python start. This module makes a class's
first values through one generic ``__init__``, compiles the class's own from one short source
text only when it has made ``COMPILE_AFTER`` of them, and makes its other methods as closures
over ``operator.attrgetter``: 0.1 ms per class, 3 ms to import (bench/bench_values.py measures
both side by side; tests/test_values.py checks that they behave alike).

The same names as ``dataclasses``, with what they do there, for what the app uses:
``@dataclass`` with ``frozen`` and ``slots`` (``__init__``, ``__repr__``, ``__eq__``, and
``__hash__`` for a frozen class, each unless the class writes its own; ``__match_args__``),
``field(default=…, default_factory=…, compare=…, hash=…)``, ``fields``, ``replace``, ``asdict``
and ``FrozenInstanceError``. Not here: ``order``, ``kw_only``, ``InitVar``, ``__post_init__``,
``unsafe_hash``, a frozen class with slots. ``ClassVar`` annotations are not fields.
"""

from __future__ import annotations

from operator import attrgetter

TYPE_CHECKING = False  # typing.TYPE_CHECKING without loading typing at run time (mypy reads it as True)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar, dataclass_transform

    _T = TypeVar("_T")
else:
    def dataclass_transform(**_kwargs):
        return lambda decorator: decorator


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class FrozenInstanceError(AttributeError):
    """An assignment to a field of a frozen value."""


class Field:
    __slots__ = ("name", "default", "default_factory", "compare", "hash")

    def __init__(self, default: Any, default_factory: Any, compare: bool, hash: bool | None) -> None:  # noqa: A002  # dataclasses' name
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.compare = compare
        self.hash = hash

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, default={self.default!r}, default_factory={self.default_factory!r})"


def field(*, default: Any = MISSING, default_factory: Callable[[], Any] | Any = MISSING, compare: bool = True,
          hash: bool | None = None) -> Any:  # noqa: A002  # dataclasses' name
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, compare, hash)


_FIELDS = "__value_fields__"


def _is_class_var(annotation: object) -> bool:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return isinstance(text, str) and (text.startswith(("ClassVar", "typing.ClassVar")))


def _collect(cls: type) -> dict[str, Field]:
    found: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        found.update((f.name, f) for f in getattr(base, _FIELDS, {}).values())
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if _is_class_var(annotation):
            continue
        given = cls.__dict__.get(name, MISSING)
        made = given if isinstance(given, Field) else Field(given, MISSING, True, None)
        made.name = name
        if made.default is not MISSING and type(made.default).__hash__ is None:  # dataclasses' rule
            raise ValueError(f"mutable default {type(made.default)} for field {name} is not allowed: use default_factory")
        if isinstance(given, Field):
            if made.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, made.default)
        found[name] = made
    return found


def _init_source(names: list[str], frozen: bool, slots: bool, keys: dict[str, str]) -> str:
    """The text of the class's ``__init__``: one parameter per field, its default looked up once
    when the function is made. A frozen value gets its attributes as one new ``__dict__``."""
    params = ", ".join(["self", *[f"{n}=__defaults__[{keys[n]!r}]" if n in keys else n for n in names]])

    def value(n: str) -> str:
        return f"__defaults__[{'_f_' + n!r}]() if {n} is __factory__ else {n}" if ("_f_" + n) in keys else n

    if not names:
        body = ["pass"]
    elif frozen:
        body = [f"__set__(self, '__dict__', {{{', '.join(f'{n!r}: {value(n)}' for n in names)}}})"]
    else:
        body = [f"self.{n} = {value(n)}" for n in names]
    return "\n".join([f"def __init__({params}):", *[f"  {line}" for line in body]])


def _methods(names: list[str], compared: list[str], hashed: list[str]) -> dict[str, Any]:
    """``__repr__``, ``__eq__`` and ``__hash__`` over the fields: closures, nothing compiled."""
    def getter(chosen: list[str]) -> Callable[[object], tuple[Any, ...]]:
        if len(chosen) == 1:
            one = attrgetter(chosen[0])
            return lambda value: (one(value),)
        return attrgetter(*chosen) if chosen else lambda _value: ()  # attrgetter of several names gives a tuple

    shown, key, hash_key = getter(names), getter(compared), getter(hashed)
    labels = [f"{n}=" for n in names]

    def __repr__(self: object) -> str:  # noqa: N807  # the method it is
        parts = ", ".join(label + repr(v) for label, v in zip(labels, shown(self), strict=True))
        return f"{type(self).__qualname__}({parts})"

    def __eq__(self: object, other: object) -> bool:  # noqa: N807  # the method it is
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    def __hash__(self: object) -> int:  # noqa: N807  # the method it is
        return hash(hash_key(self))

    return {"__repr__": __repr__, "__eq__": __eq__, "__hash__": __hash__}


def _frozen_setattr(self: object, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: object, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _process(cls: type[_T], frozen: bool, slots: bool) -> type[_T]:
    if frozen and slots:
        raise TypeError(f"{cls.__name__}: a frozen value class with slots is not supported here")
    found = _collect(cls)
    setattr(cls, _FIELDS, found)
    names = list(found)
    defaults: dict[str, Any] = {}
    keys: dict[str, str] = {}
    seen_default = False
    for f in found.values():
        if f.default_factory is not MISSING:
            keys[f.name] = "_factory"
            keys["_f_" + f.name] = "_f_" + f.name
            defaults["_f_" + f.name] = f.default_factory
            seen_default = True
        elif f.default is not MISSING:
            keys[f.name] = f.name
            defaults[f.name] = f.default
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
    factory = object()
    defaults["_factory"] = factory
    scope = {"__set__": object.__setattr__, "__factory__": factory, "__defaults__": defaults}
    owner = [cls]  # the class the compiled __init__ goes to (a new one when slots are added)
    binder = _binder(names, {f.name: f.default for f in found.values() if f.default is not MISSING},
                     {f.name: f.default_factory for f in found.values() if f.default_factory is not MISSING}, frozen)
    methods = {"__init__": _compiled_when_called(owner, _init_source(names, frozen, slots, keys), scope, binder),
               **_methods(names, [f.name for f in found.values() if f.compare],
                          [f.name for f in found.values() if (f.compare if f.hash is None else f.hash)])}
    own = cls.__dict__
    explicit_hash = own.get("__hash__", MISSING) not in (MISSING, None) or ("__hash__" in own and "__eq__" in own)
    for name in ("__init__", "__repr__", "__eq__"):
        if name not in own:
            _put(cls, name, methods[name])
    if frozen:
        for name, method in (("__setattr__", _frozen_setattr), ("__delattr__", _frozen_delattr)):
            if name in own:
                raise TypeError(f"cannot overwrite attribute {name} in frozen class {cls.__name__}")
            setattr(cls, name, method)
        if not explicit_hash:
            _put(cls, "__hash__", methods["__hash__"])  # a frozen value is hashed by its fields, as in dataclasses
    elif not explicit_hash:
        setattr(cls, "__hash__", None)  # noqa: B010  # a mutable value that compares by its fields is unhashable, as in dataclasses
    setattr(cls, "__match_args__", tuple(names))  # noqa: B010  # as dataclasses sets it
    if slots:
        cls = owner[0] = _with_slots(cls, names)
    return cls


# How often a class is made through the generic __init__ before it compiles its own. Compiling
# one costs 0.1-0.15 ms, binding the arguments generically 2-4 us a call: a command makes one
# Event, a few Sessions and Sectors (a third of a read command's compiling, 0.6 ms, went to
# values made once), a list of guests a row per guest (those compile after the first few).
COMPILE_AFTER = 24


def _binder(names: list[str], defaults: dict[str, Any], factories: dict[str, Callable[[], Any]],
            frozen: bool) -> Callable[[object, tuple[Any, ...], dict[str, Any]], None]:
    """The generic ``__init__``: the arguments bound to the fields as the compiled one binds
    them (positional, by keyword, defaults, factories; a TypeError as Python raises it)."""
    count, known = len(names), frozenset(names)
    put = object.__setattr__

    def bind(self: object, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        if len(args) > count:
            raise TypeError(f"__init__() takes {count + 1} positional arguments but {len(args) + 1} were given")
        given = dict(zip(names, args))
        for key, value in kwargs.items():
            if key in given:
                raise TypeError(f"__init__() got multiple values for argument {key!r}")
            if key not in known:
                raise TypeError(f"__init__() got an unexpected keyword argument {key!r}")
            given[key] = value
        values: dict[str, Any] = {}
        for name in names:
            if name in given:
                values[name] = given[name]
            elif name in factories:
                values[name] = factories[name]()
            elif name in defaults:
                values[name] = defaults[name]
            else:
                raise TypeError(f"__init__() missing 1 required positional argument: {name!r}")
        if frozen:
            put(self, "__dict__", values)
        else:
            for name, value in values.items():
                setattr(self, name, value)

    return bind


def _compiled_when_called(owner: list[type], source: str, scope: dict[str, Any],
                          bind: Callable[[object, tuple[Any, ...], dict[str, Any]], None]) -> Callable[..., None]:
    """An ``__init__`` that binds its arguments generically for the class's first
    ``COMPILE_AFTER`` values, then compiles the class's own from ``source``, puts it on the
    class, and runs it: a command defines some twenty classes and makes values of half of them,
    and compiling was two thirds of defining one (3 of a `checkin`'s ms)."""
    calls = 0

    def __init__(self: object, *args: Any, **kwargs: Any) -> None:  # noqa: N807  # the method it stands for
        nonlocal calls
        calls += 1
        if calls <= COMPILE_AFTER:
            bind(self, args, kwargs)
            return
        namespace: dict[str, Any] = {}
        exec(source, scope, namespace)  # noqa: S102  # the text is ours
        compiled = namespace["__init__"]
        cls = owner[0]
        compiled.__qualname__ = f"{cls.__qualname__}.__init__"
        if cls.__dict__.get("__init__") is __init__:  # a class that wrote its own keeps it
            type.__setattr__(cls, "__init__", compiled)
        compiled(self, *args, **kwargs)

    return __init__


def _put(cls: type, name: str, method: Any) -> None:
    method.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, method)


def _with_slots(cls: type[_T], names: list[str]) -> type[_T]:
    body = {k: v for k, v in cls.__dict__.items() if k not in names and k not in ("__dict__", "__weakref__")}
    body["__slots__"] = tuple(names)
    made: type[_T] = type(cls.__name__, cls.__bases__, body)  # a new class: __slots__ works only when it is made
    made.__qualname__ = cls.__qualname__
    return made


@dataclass_transform(field_specifiers=(field, Field))
def dataclass(cls: type[_T] | None = None, /, *, frozen: bool = False, slots: bool = False) -> Any:
    """``@dataclass``, ``@dataclass(frozen=True)``, ``@dataclass(slots=True)`` as in ``dataclasses``."""
    def wrap(inner: type[_T]) -> type[_T]:
        return _process(inner, frozen, slots)

    return wrap if cls is None else wrap(cls)


def fields(value: object) -> tuple[Field, ...]:
    """The fields of a value class or of one of its values, in their order."""
    found = getattr(value, _FIELDS, None)
    if found is None:
        raise TypeError("must be called with a value class or one of its values")
    return tuple(found.values())


def is_value(value: object) -> bool:
    return hasattr(value, _FIELDS)


def replace(value: _T, /, **changes: Any) -> _T:
    """A copy of a value with some fields changed (an unknown field name is a TypeError)."""
    kwargs = {f.name: getattr(value, f.name) for f in fields(value)}
    unknown = changes.keys() - kwargs.keys()
    if unknown:
        raise TypeError(f"{type(value).__name__} has no field(s) {sorted(unknown)}")
    kwargs.update(changes)
    return type(value)(**kwargs)


def asdict(value: object) -> dict[str, Any]:
    """A value's fields as a dict, values of value classes, lists, tuples and dicts in it as well
    (copied: a change to the result leaves the value as it was)."""
    if not is_value(value) or isinstance(value, type):
        raise TypeError("asdict() should be called on value instances")
    return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}


def _plain(value: Any) -> Any:
    if is_value(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, set):
        return set(value)
    return value
