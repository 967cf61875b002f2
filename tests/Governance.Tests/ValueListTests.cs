
namespace Governance.Tests;

/// <summary>
/// <see cref="ValueList{T}"/>, the one immutable list compared item by item: what makes two account states read from the
/// same account equal, and two masking decisions that <c>check</c> shows alike the same in a diff.
/// </summary>
public sealed class ValueListTests
{
    [Test]
    public void ListsOfEqualItemsInTheSameOrder_AreEqual_NestedToo_WithEqualHashes()
    {
        var a = new ValueList<ValueList<string>>(new[] { new ValueList<string>(new[] { "PII_READER", "ANALYST" }), new ValueList<string>(new[] { "AUDITOR" }) });
        var b = new ValueList<ValueList<string>>(new[] { new ValueList<string>(new[] { "PII_READER", "ANALYST" }), new ValueList<string>(new[] { "AUDITOR" }) });
        var swapped = new ValueList<ValueList<string>>(new[] { new ValueList<string>(new[] { "ANALYST", "PII_READER" }), new ValueList<string>(new[] { "AUDITOR" }) });
        Assert.Multiple(() =>
        {
            Assert.That(a == b, Is.True);
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(a == swapped, Is.False, "order counts");
            Assert.That(new ValueList<string>(new[] { "A" }) == new ValueList<string>(new[] { "A", "A" }), Is.False);
            Assert.That(ValueList<string>.Empty == new ValueList<string>(Array.Empty<string>()), Is.True);
        });
    }

    [Test]
    public void AListKeepsItsOwnCopy_AndRefusesNull()
    {
        var items = new[] { "A", "B" };
        var list = new ValueList<string>(items);
        items[0] = "Z";
        Assert.Multiple(() =>
        {
            Assert.That(list, Is.EqualTo(new[] { "A", "B" }));
            Assert.Throws<ArgumentException>(() => _ = new ValueList<string?>(new[] { "A", null }));
        });
    }

    [Test]
    public void MaskingStates_OfTheSameDecision_AreEqual_AndAnotherRevealOrderIsAnotherDecision()
    {
        var conditions = new[] { ("CONSENT", "true") };
        var a = new MaskingStateFixture("PII_READER", "ANALYST");
        var first = a.Build(conditions);
        var second = a.Build(conditions);
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(second.GetHashCode(), Is.EqualTo(first.GetHashCode()));
            Assert.That(first, Is.Not.EqualTo(new MaskingStateFixture("ANALYST", "PII_READER").Build(conditions)));
            Assert.That(first, Is.Not.EqualTo(a.Build(Array.Empty<(string, string)>())));
        });
    }

    private sealed record MaskingStateFixture(params string[] Roles)
    {
        public Governance.Reporting.MaskingState Build((string, string)[] conditions)
            => new("acme-global/mask.email", "emailDomain", new[] { (IReadOnlyList<string>)Roles.ToArray() }, conditions);
    }
}
