using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Governance.Rules;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Packs;

/// <summary>
/// The library's managed SHA-256 (<see cref="Sha256"/>: manifests' content hashes, the hash strategy) gives the
/// framework's digest for every input: every length from 0 to 300 bytes (across the 55/56/64-byte padding edges of one
/// and two blocks) and the published test vectors.
/// </summary>
public sealed class Sha256Tests
{
    [Property(MaxTest = 1000)]
    public Property Digest_IsTheFrameworks() => Prop.ForAll(
        Arb.From(from length in Gen.OneOf(Gen.Choose(0, 300), Gen.Elements(55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129))
                 from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
                 select bytes),
        data => Assert.That(Sha256.Hash(data), Is.EqualTo(System.Security.Cryptography.SHA256.HashData(data))));

    // FIPS 180-4 examples (NIST CSRC "SHA256.pdf") and the empty message.
    [TestCase("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [TestCase("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [TestCase("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Digest_OfTheStandardsExamples(string text, string hex)
        => Assert.That(Convert.ToHexStringLower(Sha256.Hash(Encoding.ASCII.GetBytes(text))), Is.EqualTo(hex));

    [Test]
    public void Digest_OfAMillionAs() =>
        Assert.That(Convert.ToHexStringLower(Sha256.Hash(Encoding.ASCII.GetBytes(new string('a', 1_000_000)))),
            Is.EqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
}
