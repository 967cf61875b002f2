using System;
using System.Collections;
using System.Collections.Generic;

namespace Governance.Rules;

/// <summary>
/// An immutable list with structural equality: two lists are equal when their items are equal, in order. What a record
/// holds where it holds a list (the rule model, account state), so that records with equal lists are equal.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    /// <summary>The empty list.</summary>
    public static ValueList<T> Empty { get; } = new ValueList<T>(Array.Empty<T>(), owned: true);

    private readonly T[] _items;

    /// <summary>A private copy of <paramref name="items"/>; a null item is refused.</summary>
    public ValueList(IEnumerable<T> items)
    {
        if (items is null) throw new ArgumentNullException(nameof(items));
        var array = new List<T>(items).ToArray();
        for (var i = 0; i < array.Length; i++)
        {
            if (array[i] is null) throw new ArgumentException("a list item cannot be null", nameof(items));
        }
        _items = array;
    }

    private ValueList(T[] items, bool owned) => _items = items;

    /// <summary>Takes <paramref name="items"/> as they are, without copying: the caller gives the array up and has
    /// checked that no item is null.</summary>
    internal static ValueList<T> Own(T[] items) => items.Length == 0 ? Empty : new ValueList<T>(items, owned: true);

    /// <summary>The number of items.</summary>
    public int Count => _items.Length;

    /// <summary>The item at <paramref name="index"/>.</summary>
    public T this[int index] => _items[index];

    /// <summary>True when both lists hold equal items in the same order.</summary>
    public bool Equals(ValueList<T>? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (other._items.Length != _items.Length) return false;
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!comparer.Equals(_items[i], other._items[i])) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    /// <summary>A hash of the items, in order.</summary>
    public override int GetHashCode()
    {
        var comparer = EqualityComparer<T>.Default;
        var hash = 17;
        for (var i = 0; i < _items.Length; i++) hash = unchecked(hash * 31 + comparer.GetHashCode(_items[i]!));
        return hash;
    }

    /// <summary>Equal lists.</summary>
    public static bool operator ==(ValueList<T>? left, ValueList<T>? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Different lists.</summary>
    public static bool operator !=(ValueList<T>? left, ValueList<T>? right) => !(left == right);

    /// <summary>The items, as <c>[a, b]</c>.</summary>
    public override string ToString() => "[" + string.Join(", ", _items) + "]";

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
