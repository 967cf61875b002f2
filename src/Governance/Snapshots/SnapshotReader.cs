using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Governance.Diagnostics;

namespace Governance.Snapshots;

/// <summary>
/// Reads metadata snapshots (<c>governance.snapshot/v1</c>, see <c>docs/schemas/snapshot.schema.json</c>).
/// </summary>
/// <remarks>
/// <para>
/// The reader streams: a <see cref="Utf8JsonReader"/> runs over a refilled byte buffer (64 KiB, doubled only when a
/// single token does not fit), so a snapshot is never held in memory as text or as a JSON DOM next to the model.
/// Repeated strings (tag names and values, type texts, inherited role names) are interned per read, and equal tag
/// sets and equal types share one instance.
/// </para>
/// <para>
/// Every object has a fixed set of properties: an unknown one is an error that names the closest known property (a
/// misspelt <c>"tag"</c> would otherwise drop a column out of every tag-based decision without a word). Known properties
/// are checked strictly: a wrong JSON type, a bad identifier, an unparsable data type or a duplicate name is an error.
/// </para>
/// <para>
/// Any problem is reported as a <see cref="GovernanceInputException"/> with ID GOV9001, the file, the JSON path and
/// the line of the offending token.
/// </para>
/// </remarks>
public static class SnapshotReader
{
    /// <summary>The initial size of the read buffer.</summary>
    internal const int DefaultBufferSize = 64 * 1024;

    /// <summary>The longest single JSON token the reader accepts; guards against unbounded buffer growth.</summary>
    internal const int MaxTokenBytes = 128 * 1024 * 1024;

    /// <summary>Reads a snapshot from a UTF-8 JSON stream; <paramref name="fileName"/> only names it in errors.</summary>
    /// <exception cref="GovernanceInputException">The stream is not a valid snapshot.</exception>
    public static MetadataSnapshot Read(Stream utf8Json, string? fileName) => Read(utf8Json, fileName, DefaultBufferSize);

    /// <summary>Reads with a chosen initial buffer size (tests use tiny buffers to exercise refills).</summary>
    internal static MetadataSnapshot Read(Stream utf8Json, string? fileName, int bufferSize)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var parser = new Parser(utf8Json, fileName, bufferSize, new ReadContext(), deferRoleGraph: false);
        return parser.ReadRoot().Snapshot;
    }

    /// <summary>Reads a snapshot file.</summary>
    /// <exception cref="GovernanceInputException">The file cannot be read or is not a valid snapshot.</exception>
    public static MetadataSnapshot ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = Open(path);
        return Read(stream, path);
    }

    /// <summary>Reads a snapshot from JSON text.</summary>
    /// <exception cref="GovernanceInputException">The text is not a valid snapshot.</exception>
    public static MetadataSnapshot Parse(string json, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json), writable: false);
        return Read(stream, fileName);
    }

    /// <summary>
    /// Reads several snapshot files and merges them (<see cref="MetadataSnapshot.Merge"/>): a domain may span files, but a
    /// role, a product (<c>domain/product</c>) and a database and schema are defined once across all files; a role may
    /// inherit a role defined in another file. A conflict is reported in the later file, naming the earlier file and path.
    /// </summary>
    /// <exception cref="GovernanceInputException">A file cannot be read, is not a valid snapshot, or the files conflict.</exception>
    public static MetadataSnapshot ReadFiles(IReadOnlyList<string> paths) => MetadataSnapshot.Merge(ReadParts(paths));

    /// <summary>
    /// Reads snapshot files as the parts of one mesh, each validated on its own, for <see cref="MetadataSnapshot.Merge"/>
    /// (with other parts, such as C# definitions). With several files, the role hierarchy is left to the merge: a role
    /// may inherit a role defined in another file.
    /// </summary>
    /// <exception cref="GovernanceInputException">A file cannot be read or is not a valid snapshot.</exception>
    public static IReadOnlyList<SnapshotPart> ReadParts(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0) throw new ArgumentException("at least one snapshot file is needed", nameof(paths));
        var context = new ReadContext();
        var parts = new List<SnapshotPart>(paths.Count);
        foreach (var path in paths)
        {
            using var stream = Open(path);
            using var parser = new Parser(stream, path, DefaultBufferSize, context, deferRoleGraph: paths.Count > 1);
            var (snapshot, rolesLine) = parser.ReadRoot();
            parts.Add(new SnapshotPart(snapshot, path, GovIds.InvalidSnapshot, validated: true, rolesLine));
        }
        return parts;
    }

    private static FileStream Open(string path) => InputFiles.Open(path, GovIds.InvalidSnapshot, "a snapshot file");

    /// <summary>State shared by the files of one read: the intern pools.</summary>
    private sealed class ReadContext
    {
        /// <summary>Tag names, tag values, inherited role names, owners and versions.</summary>
        public readonly Dictionary<string, string> Strings = new(StringComparer.Ordinal);
        /// <summary>Raw type text → the shared parsed type.</summary>
        public readonly Dictionary<string, SnowflakeType> TypesByRaw = new(StringComparer.Ordinal);
        /// <summary>Normalized type text → the one instance of that type.</summary>
        public readonly Dictionary<string, SnowflakeType> TypesByText = new(StringComparer.Ordinal);
        /// <summary>Sorted tag pairs → the one <see cref="TagSet"/> holding them.</summary>
        public readonly Dictionary<KeyValuePair<string, string>[], TagSet> TagSets = new(TagPairsComparer.Instance);
    }

    /// <summary>
    /// Compares sorted tag-pair arrays; looks up by span so a hit allocates nothing. Every tag name and value of one read
    /// is interned in its <see cref="ReadContext"/>, so equal strings are the same instance: pairs compare by reference.
    /// </summary>
    private sealed class TagPairsComparer :
        IEqualityComparer<KeyValuePair<string, string>[]>,
        IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, string>>, KeyValuePair<string, string>[]>
    {
        public static readonly TagPairsComparer Instance = new();

        public bool Equals(KeyValuePair<string, string>[]? x, KeyValuePair<string, string>[]? y)
            => x is not null && y is not null && Equals(new ReadOnlySpan<KeyValuePair<string, string>>(x), y);

        public int GetHashCode(KeyValuePair<string, string>[] obj) => GetHashCode(new ReadOnlySpan<KeyValuePair<string, string>>(obj));

        public bool Equals(ReadOnlySpan<KeyValuePair<string, string>> alternate, KeyValuePair<string, string>[] other)
        {
            if (alternate.Length != other.Length) return false;
            for (var i = 0; i < alternate.Length; i++)
            {
                if (!ReferenceEquals(alternate[i].Key, other[i].Key) || !ReferenceEquals(alternate[i].Value, other[i].Value)) return false;
            }
            return true;
        }

        public int GetHashCode(ReadOnlySpan<KeyValuePair<string, string>> alternate)
        {
            var hash = new HashCode();
            foreach (var pair in alternate)
            {
                hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.Key));
                hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.Value));
            }
            return hash.ToHashCode();
        }

        public KeyValuePair<string, string>[] Create(ReadOnlySpan<KeyValuePair<string, string>> alternate) => alternate.ToArray();
    }

    /// <summary>A token read ahead: its type, where it ends in the buffer, its lines, and where its value's bytes are.</summary>
    private struct Token
    {
        public JsonTokenType Type;
        public bool Escaped;
        public int ValueStart;
        public int ValueLength;
        public int End;
        public long Line;
        public long EndLine;
    }

    /// <summary>One segment of the JSON path being read: a property name or an array index.</summary>
    private struct PathSegment
    {
        public string? Name;
        public int Index;
    }

    /// <summary>A recursive-descent reader over a stream of <see cref="Utf8JsonReader"/> tokens.</summary>
    private sealed class Parser : IDisposable
    {
        // Property names the reader knows; any other property is an error.
        private const int PFormat = 0, PTakenAt = 1, PRoles = 2, PDomains = 3, PName = 4, PInherits = 5, POwner = 6,
            PProducts = 7, PVersion = 8, PDatabase = 9, PSchema = 10, PTags = 11, PDatasets = 12, PKind = 13,
            PColumns = 14, PType = 15, PNullable = 16, PComment = 17, PSources = 18, PSource = 19, PFile = 20, PPath = 21, PLine = 22;

        private static readonly string[] KnownNames =
        {
            "format", "takenAt", "roles", "domains", "name", "inherits", "owner", "products", "version", "database",
            "schema", "tags", "datasets", "kind", "columns", "type", "nullable", "comment", "sources", "source", "file", "path", "line",
        };

        private readonly Stream _stream;
        private readonly string? _file;
        private readonly ReadContext _context;
        private readonly bool _deferRoleGraph;

        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _strings;
        private readonly Dictionary<string, SnowflakeType>.AlternateLookup<ReadOnlySpan<char>> _typesByRaw;
        private readonly Dictionary<KeyValuePair<string, string>[], TagSet>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, string>>> _tagSets;

        // Input buffer: bytes [_offset, _length) are read but not yet consumed.
        private byte[] _buffer;
        private int _offset;
        private int _length;
        private bool _eof;
        private JsonReaderState _state;
        /// <summary>The 1-based line at <see cref="_offset"/>.</summary>
        private long _line = 1;

        // Tokens read ahead (see Tokenize): [_nextToken, _tokenCount) are still to come; their bytes stay in the buffer.
        private readonly Token[] _tokens = new Token[512];
        private int _nextToken;
        private int _tokenCount;

        // The current token.
        private JsonTokenType _type;
        private long _tokenLine = 1;
        private int _nameId = -1;
        /// <summary>The current token is the known property name <see cref="_nameId"/>, not yet in <see cref="_chars"/>.</summary>
        private bool _knownNamePending;
        private char[] _chars;
        private int _charCount;

        // The JSON path of the current token.
        private PathSegment[] _path = new PathSegment[16];
        private int _depth;

        // Names unique in the file: domains and roles (by the JSON path of their object), product schemas.
        private readonly Dictionary<string, string> _domainNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _roleNames = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Database, string Schema), string> _schemas = new();

        // Scratch state reused across objects of one level (levels never nest into themselves).
        private readonly Dictionary<string, int> _productNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _datasetNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _columnNames = new(StringComparer.Ordinal);
        private readonly List<Domain> _domains = new();
        private readonly List<DataProduct> _products = new();
        private readonly List<Dataset> _datasets = new();
        private readonly List<Column> _columns = new();
        private KeyValuePair<string, string>[] _tagScratch = new KeyValuePair<string, string>[8];
        /// <summary>Tag names (interned) already found valid.</summary>
        private readonly HashSet<string> _validTagNames = new(ReferenceEqualityComparer.Instance);

        public Parser(Stream stream, string? file, int bufferSize, ReadContext context, bool deferRoleGraph)
        {
            _stream = stream;
            _file = file;
            _context = context;
            _deferRoleGraph = deferRoleGraph;
            _strings = context.Strings.GetAlternateLookup<ReadOnlySpan<char>>();
            _typesByRaw = context.TypesByRaw.GetAlternateLookup<ReadOnlySpan<char>>();
            _tagSets = context.TagSets.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, string>>>();
            _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bufferSize, 16));
            _chars = ArrayPool<char>.Shared.Rent(256);
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            ArrayPool<char>.Shared.Return(_chars);
            _buffer = System.Array.Empty<byte>();
            _chars = System.Array.Empty<char>();
        }

        // ───────────────────────────── the snapshot ─────────────────────────────

        public (MetadataSnapshot Snapshot, long? RolesLine) ReadRoot()
        {
            Start();
            if (_type != JsonTokenType.StartObject) throw Fail("expected a snapshot object, found " + Describe());
            var objectLine = _tokenLine;
            string? format = null;
            DateTimeOffset? takenAt = null;
            IReadOnlyList<RoleDefinition>? roles = null;
            IReadOnlyList<Domain>? domains = null;
            long? rolesLine = null;
            var seen = 0;
            while (NextProperty())
            {
                switch (_nameId)
                {
                    case PFormat:
                        EnterProperty(ref seen);
                        format = ReadFormat();
                        break;
                    case PTakenAt:
                        EnterProperty(ref seen);
                        takenAt = ReadTakenAt();
                        break;
                    case PRoles:
                        EnterProperty(ref seen);
                        rolesLine = _tokenLine;
                        roles = ReadRoles();
                        break;
                    case PDomains:
                        EnterProperty(ref seen);
                        domains = ReadDomains();
                        break;
                    default:
                        throw UnknownProperty("format", "takenAt", "roles", "domains");
                }
                Pop();
            }
            if (format is null)
                throw Fail("missing required property `format`; expected `\"format\": \"" + MetadataSnapshot.FormatV1 + "\"`", objectLine);
            if (domains is null) throw Fail("missing required property `domains`; expected an array of domains", objectLine);
            EnsureEnd();
            return (new MetadataSnapshot(roles ?? System.Array.Empty<RoleDefinition>(), domains, takenAt), rolesLine);
        }

        private string ReadFormat()
        {
            var format = ReadString();
            if (!string.Equals(format, MetadataSnapshot.FormatV1, StringComparison.Ordinal))
                throw Fail("unknown format `" + format + "`; expected `" + MetadataSnapshot.FormatV1 + "`");
            return format;
        }

        private static readonly string[] TimeFormats = { "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK" };

        private DateTimeOffset? ReadTakenAt()
        {
            if (_type == JsonTokenType.Null) return null;
            var text = ReadString();
            if (SnapshotTime.TryParseCanonical(text, out var value)) return value;
            if (!HasOffset(text)
                || !DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
            {
                throw Fail("invalid date-time `" + text + "`; expected an ISO-8601 date-time with an offset, like `2026-11-20T10:00:00Z`");
            }
            return value;
        }

        private static bool HasOffset(string text)
        {
            if (text.EndsWith('Z')) return true;
            var n = text.Length;
            return n >= 6 && (text[n - 6] == '+' || text[n - 6] == '-') && text[n - 3] == ':';
        }

        // ───────────────────────────── roles ─────────────────────────────

        private IReadOnlyList<RoleDefinition> ReadRoles()
        {
            if (_type == JsonTokenType.Null) return System.Array.Empty<RoleDefinition>();
            ExpectArray("an array of roles");
            var rolesLine = _tokenLine;
            var roles = new List<RoleDefinition>();
            PushIndex(0);
            for (var i = 0; NextItem(); i++)
            {
                SetIndex(i);
                roles.Add(ReadRole());
            }
            Pop();
            if (!_deferRoleGraph && RoleGraph.TryBuild(roles, out var error) == null) throw Fail(error!, rolesLine);
            return roles.ToArray();
        }

        private RoleDefinition ReadRole()
        {
            ExpectObject("a role object like `{ \"name\": \"ANALYST\" }`");
            var objectLine = _tokenLine;
            string? name = null;
            IReadOnlyList<string>? inherits = null;
            var seen = 0;
            while (NextProperty())
            {
                switch (_nameId)
                {
                    case PName:
                        EnterProperty(ref seen);
                        name = ReadIdentifier("role name", intern: false);
                        Register(_roleNames, name, "role", RenderPath(_depth - 1));
                        break;
                    case PInherits:
                        EnterProperty(ref seen);
                        inherits = ReadInherits();
                        break;
                    default:
                        throw UnknownProperty("name", "inherits");
                }
                Pop();
            }
            if (name is null) throw Fail("missing required property `name`; expected the role's name", objectLine);
            return new RoleDefinition(name, inherits);
        }

        private IReadOnlyList<string>? ReadInherits()
        {
            if (_type == JsonTokenType.Null) return null;
            ExpectArray("an array of role names");
            var list = new List<string>();
            PushIndex(0);
            for (var i = 0; NextItem(); i++)
            {
                SetIndex(i);
                var parent = ReadIdentifier("role name", intern: true);
                var first = list.IndexOf(parent);
                if (first >= 0) throw Fail(SnapshotValidator.DuplicateInherited(parent, RenderPath(_depth - 1) + "[" + first.ToString(CultureInfo.InvariantCulture) + "]"));
                list.Add(parent);
            }
            Pop();
            return list.Count == 0 ? null : list.ToArray();
        }

        // ───────────────────────────── domains and products ─────────────────────────────

        private IReadOnlyList<Domain> ReadDomains()
        {
            ExpectArray("an array of domains");
            _domains.Clear();
            PushIndex(0);
            for (var i = 0; NextItem(); i++)
            {
                SetIndex(i);
                _domains.Add(ReadDomain());
            }
            Pop();
            return _domains.ToArray();
        }

        private Domain ReadDomain()
        {
            ExpectObject("a domain object");
            var objectLine = _tokenLine;
            string? name = null, owner = null;
            IReadOnlyList<DataProduct>? products = null;
            var seen = 0;
            while (NextProperty())
            {
                switch (_nameId)
                {
                    case PName:
                        EnterProperty(ref seen);
                        name = ReadIdentifier("domain name", intern: false);
                        Register(_domainNames, name, "domain", RenderPath(_depth - 1));
                        break;
                    case POwner:
                        EnterProperty(ref seen);
                        owner = ReadOptionalString();
                        break;
                    case PProducts:
                        EnterProperty(ref seen);
                        products = ReadProducts();
                        break;
                    default:
                        throw UnknownProperty("name", "owner", "products");
                }
                Pop();
            }
            if (name is null) throw Fail("missing required property `name`; expected the domain's name", objectLine);
            if (products is null) throw Fail("missing required property `products`; expected an array of data products", objectLine);
            return new Domain(name, owner, products);
        }

        private IReadOnlyList<DataProduct> ReadProducts()
        {
            ExpectArray("an array of data products");
            _products.Clear();
            _productNames.Clear();
            PushIndex(0);
            for (var i = 0; NextItem(); i++)
            {
                SetIndex(i);
                _products.Add(ReadProduct(i));
            }
            Pop();
            return _products.ToArray();
        }

        private DataProduct ReadProduct(int index)
        {
            ExpectObject("a data product object");
            var objectLine = _tokenLine;
            string? name = null, version = null, owner = null, database = null, schema = null;
            long schemaLine = 0;
            var tags = TagSet.Empty;
            SourceLocation? source = null;
            IReadOnlyList<Dataset>? datasets = null;
            var seen = 0;
            while (NextProperty())
            {
                switch (_nameId)
                {
                    case PName:
                        EnterProperty(ref seen);
                        name = ReadIdentifier("product name", intern: false);
                        CheckUnique(_productNames, name, index, "product");
                        break;
                    case PVersion:
                        EnterProperty(ref seen);
                        version = ReadOptionalString();
                        break;
                    case POwner:
                        EnterProperty(ref seen);
                        owner = ReadOptionalString();
                        break;
                    case PDatabase:
                        EnterProperty(ref seen);
                        database = ReadIdentifier("database name", intern: true);
                        break;
                    case PSchema:
                        EnterProperty(ref seen);
                        schemaLine = _tokenLine;
                        schema = ReadIdentifier("schema name", intern: true);
                        break;
                    case PTags:
                        EnterProperty(ref seen);
                        tags = ReadTags();
                        break;
                    case PDatasets:
                        EnterProperty(ref seen);
                        datasets = ReadDatasets();
                        break;
                    case PSource:
                        EnterProperty(ref seen);
                        source = ReadSource();
                        break;
                    default:
                        throw UnknownProperty("name", "version", "owner", "database", "schema", "tags", "source", "datasets");
                }
                Pop();
            }
            if (name is null) throw Fail("missing required property `name`; expected the product's name", objectLine);
            if (database is null) throw Fail("missing required property `database`; expected the product's Snowflake database", objectLine);
            if (schema is null) throw Fail("missing required property `schema`; expected the product's Snowflake schema", objectLine);
            if (datasets is null) throw Fail("missing required property `datasets`; expected an array of datasets", objectLine);

            var productPath = RenderPath(_depth);
            if (_schemas.TryGetValue((database, schema), out var other))
            {
                PushName("schema");
                throw Fail(SnapshotValidator.SchemaTaken(database, schema, other), schemaLine);
            }
            _schemas.Add((database, schema), productPath);
            return new DataProduct(name, version, owner, database, schema, datasets, tags, source, Location(objectLine));
        }

        // ───────────────────────────── datasets and columns ─────────────────────────────

        private IReadOnlyList<Dataset> ReadDatasets()
        {
            ExpectArray("an array of datasets");
            _datasets.Clear();
            _datasetNames.Clear();
            PushIndex(0);
            for (var i = 0; NextItem(); i++)
            {
                SetIndex(i);
                _datasets.Add(ReadDataset(i));
            }
            Pop();
            return _datasets.ToArray();
        }

        private Dataset ReadDataset(int index)
        {
            ExpectObject("a dataset object");
            var objectLine = _tokenLine;
            string? name = null;
            DatasetKind? kind = null;
            var tags = TagSet.Empty;
            SourceLocation? source = null;
            IReadOnlyList<Column>? columns = null;
            IReadOnlyList<string>? sources = null;
            long sourcesLine = 0;
            var seen = 0;
            while (NextProperty())
            {
                switch (_nameId)
                {
                    case PName:
                        EnterProperty(ref seen);
                        name = ReadIdentifier("dataset name", intern: false);
                        CheckUnique(_datasetNames, name, index, "dataset");
                        break;
                    case PSources:
                        EnterProperty(ref seen);
                        sourcesLine = _tokenLine;
                        sources = ReadSources();
                        break;
                    case PKind:
                        EnterProperty(ref seen);
                        kind = ReadKind();
                        break;
                    case PTags:
                        EnterProperty(ref seen);
                        tags = ReadTags();
                        break;
                    case PColumns:
                        EnterProperty(ref seen);
                        columns = ReadColumns();
                        break;
                    case PSource:
                        EnterProperty(ref seen);
                        source = ReadSource();
                        break;
                    default:
                        throw UnknownProperty("name", "kind", "tags", "sources", "source", "columns");
                }
                Pop();
            }
            if (name is null) throw Fail("missing required property `name`; expected the dataset's name", objectLine);
            if (kind is null) throw Fail("missing required property `kind`; expected one of " + DatasetKinds.Expected, objectLine);
            if (columns is null) throw Fail("missing required property `columns`; expected an array of columns", objectLine);
            if (sources is not null && SnapshotValidator.SourcesProblem(name, kind.Value) is { } misplaced)
            {
                PushName("sources");
                throw Fail(misplaced, sourcesLine);
            }
            return new Dataset(name, kind.Value, columns, tags, sources, source, Location(objectLine));
        }

        // A materialized view's lineage: the targets (DB.SCHEMA.DATASET) it reads, each once.
        private IReadOnlyList<string>? ReadSources()
        {
            if (_type == JsonTokenType.Null) return null;
            ExpectArray("an array of dataset targets like `DB.SCHEMA.DATASET`");
            var list = new List<string>();
            PushIndex(0);
            for (var i = 0; NextItem(); i++)
            {
                SetIndex(i);
                var target = ReadString();
                if (SnapshotValidator.SourceTargetProblem(target) is { } problem) throw Fail(problem);
                var first = list.IndexOf(target);
                if (first >= 0) throw Fail(SnapshotValidator.DuplicateSource(target, RenderPath(_depth - 1) + "[" + first.ToString(CultureInfo.InvariantCulture) + "]"));
                list.Add(target);
            }
            Pop();
            return list.ToArray();
        }

        private DatasetKind ReadKind()
        {
            var text = ReadString();
            if (!DatasetKinds.TryParse(text, out var kind))
                throw Fail("unknown dataset kind `" + text + "`; expected one of " + DatasetKinds.Expected);
            return kind;
        }

        private IReadOnlyList<Column> ReadColumns()
        {
            ExpectArray("an array of columns");
            _columns.Clear();
            _columnNames.Clear();
            PushIndex(0);
            for (var i = 0; NextItem(); i++)
            {
                SetIndex(i);
                _columns.Add(ReadColumn(i));
            }
            Pop();
            return _columns.ToArray();
        }

        private Column ReadColumn(int index)
        {
            ExpectObject("a column object");
            var objectLine = _tokenLine;
            string? name = null;
            SnowflakeType? type = null;
            var nullable = true;
            var tags = TagSet.Empty;
            SourceLocation? source = null;
            var seen = 0;
            while (NextProperty())
            {
                switch (_nameId)
                {
                    case PName:
                        EnterProperty(ref seen);
                        name = ReadIdentifier("column name", intern: false);
                        CheckUnique(_columnNames, name, index, "column");
                        break;
                    case PType:
                        EnterProperty(ref seen);
                        type = ReadType();
                        break;
                    case PNullable:
                        EnterProperty(ref seen);
                        nullable = ReadNullable();
                        break;
                    case PTags:
                        EnterProperty(ref seen);
                        tags = ReadTags();
                        break;
                    case PComment:
                        EnterProperty(ref seen);
                        // Checked, not kept (and not interned: comments are mostly unique).
                        if (_type != JsonTokenType.String && _type != JsonTokenType.Null) throw Fail("expected a string, found " + Describe());
                        break;
                    case PSource:
                        EnterProperty(ref seen);
                        source = ReadSource();
                        break;
                    default:
                        throw UnknownProperty("name", "type", "nullable", "tags", "comment", "source");
                }
                Pop();
            }
            if (name is null) throw Fail("missing required property `name`; expected the column's name", objectLine);
            if (type is null) throw Fail("missing required property `type`; expected a Snowflake data type like `VARCHAR(256)`", objectLine);
            return new Column(name, type, nullable, tags, source, Line32(objectLine));
        }

        private SnowflakeType ReadType()
        {
            if (_type != JsonTokenType.String) throw Fail("expected a string with a Snowflake data type, found " + Describe());
            var raw = Chars;
            if (_typesByRaw.TryGetValue(raw, out var shared)) return shared;
            var text = new string(raw);
            if (!SnowflakeType.TryParse(text, out var parsed, out var error))
            {
                var problem = error ?? "unknown Snowflake data type `" + text + "`";
                if (problem.StartsWith("unknown", StringComparison.Ordinal))
                    problem += "; expected a Snowflake data type like `VARCHAR(256)`, `NUMBER(38,0)` or `TIMESTAMP_NTZ(9)`";
                throw Fail(problem);
            }
            if (!_context.TypesByText.TryGetValue(parsed!.Text, out shared))
            {
                shared = parsed;
                _context.TypesByText.Add(parsed.Text, parsed);
            }
            _context.TypesByRaw.Add(text, shared);
            return shared;
        }

        /// <summary>An importer's <c>source</c>: <c>{ "file": …, "path": …, "line": …, "name": … }</c>; only <c>file</c> is required.</summary>
        private SourceLocation? ReadSource()
        {
            if (_type == JsonTokenType.Null) return null;
            ExpectObject("a source object like `{ \"file\": \"manifest.json\", \"name\": \"model.shop.orders\" }`");
            var objectLine = _tokenLine;
            string? file = null, path = null, name = null;
            long? line = null;
            var seen = 0;
            while (NextProperty())
            {
                switch (_nameId)
                {
                    case PFile:
                        EnterProperty(ref seen);
                        file = Intern(ReadString());
                        break;
                    case PPath:
                        EnterProperty(ref seen);
                        path = ReadUniqueString();
                        break;
                    case PLine:
                        EnterProperty(ref seen);
                        line = ReadLine();
                        break;
                    case PName:
                        EnterProperty(ref seen);
                        name = ReadUniqueString();
                        break;
                    default:
                        throw UnknownProperty("file", "path", "line", "name");
                }
                Pop();
            }
            if (file is null) throw Fail("missing required property `file`; expected the file the object was imported from", objectLine);
            return new SourceLocation(file, path, line, name);
        }

        /// <summary>An optional string that is mostly unique (a source path or name): not interned.</summary>
        private string? ReadUniqueString()
        {
            if (_type == JsonTokenType.Null) return null;
            return ReadString();
        }

        private long? ReadLine()
        {
            if (_type == JsonTokenType.Null) return null;
            if (_type != JsonTokenType.Number || !long.TryParse(Chars, NumberStyles.None, CultureInfo.InvariantCulture, out var line) || line < 1)
                throw Fail("expected a line number (an integer from 1), found " + Describe());
            return line;
        }

        private bool ReadNullable() => _type switch
        {
            JsonTokenType.True or JsonTokenType.Null => true,
            JsonTokenType.False => false,
            _ => throw Fail("expected a boolean, found " + Describe()),
        };

        // ───────────────────────────── tags ─────────────────────────────

        private TagSet ReadTags()
        {
            if (_type == JsonTokenType.Null) return TagSet.Empty;
            ExpectObject("an object of tag names to string values, like `{ \"SENSITIVITY\": \"internal\" }`");
            var count = 0;
            HashSet<string>? many = null;
            while (NextProperty())
            {
                var name = Intern(Chars);
                PushName(name);
                if (!_validTagNames.Contains(name))
                {
                    if (SnapshotValidator.NameProblem("tag name", name) is { } problem) throw Fail(problem);
                    _validTagNames.Add(name);
                }
                if (IsDuplicateTag(name, count, ref many))
                    throw Fail(SnapshotValidator.DuplicateTag(name));
                Next();
                if (_type != JsonTokenType.String) throw Fail("expected a string tag value, found " + Describe());
                var value = Intern(Chars);
                if (SnapshotValidator.TagValueProblem(value) is { } valueProblem) throw Fail(valueProblem);
                if (count == _tagScratch.Length) System.Array.Resize(ref _tagScratch, count * 2);
                _tagScratch[count++] = new KeyValuePair<string, string>(name, value);
                Pop();
            }
            if (count == 0) return TagSet.Empty;
            var pairs = new Span<KeyValuePair<string, string>>(_tagScratch, 0, count);
            pairs.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            if (_tagSets.TryGetValue(pairs, out var shared)) return shared;
            var key = pairs.ToArray();
            var set = TagSet.Create(key);
            _context.TagSets.Add(key, set);
            return set;
        }

        private bool IsDuplicateTag(string name, int count, ref HashSet<string>? many)
        {
            if (count < 32 && many is null)
            {
                for (var i = 0; i < count; i++)
                {
                    if (string.Equals(_tagScratch[i].Key, name, StringComparison.Ordinal)) return true;
                }
                return false;
            }
            if (many is null)
            {
                many = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < count; i++) many.Add(_tagScratch[i].Key);
            }
            return !many.Add(name);
        }

        // ───────────────────────────── values ─────────────────────────────

        private string ReadString()
        {
            if (_type != JsonTokenType.String) throw Fail("expected a string, found " + Describe());
            return new string(Chars);
        }

        private string? ReadOptionalString()
        {
            if (_type == JsonTokenType.Null) return null;
            if (_type != JsonTokenType.String) throw Fail("expected a string, found " + Describe());
            return Intern(Chars);
        }

        private string ReadIdentifier(string what, bool intern)
        {
            if (_type != JsonTokenType.String) throw Fail("expected a string with the " + what + ", found " + Describe());
            var name = intern ? Intern(Chars) : new string(Chars);
            if (SnapshotValidator.NameProblem(what, name) is { } problem) throw Fail(problem);
            return name;
        }

        private string Intern(ReadOnlySpan<char> chars)
        {
            if (_strings.TryGetValue(chars, out var s)) return s;
            s = new string(chars);
            _context.Strings.Add(s, s);
            return s;
        }

        /// <summary>A name unique among its siblings (products of a domain, datasets, columns).</summary>
        private void CheckUnique(Dictionary<string, int> seen, string name, int index, string what)
        {
            if (seen.TryGetValue(name, out var first)) throw Fail(SnapshotValidator.Duplicate(what, name, SiblingPath(first)));
            seen.Add(name, index);
        }

        /// <summary>A name unique in the file (domains, roles).</summary>
        private void Register(Dictionary<string, string> seen, string name, string what, string ownerPath)
        {
            if (seen.TryGetValue(name, out var first)) throw Fail(SnapshotValidator.Duplicate(what, name, first));
            seen.Add(name, ownerPath);
        }

        private void ExpectObject(string what)
        {
            if (_type != JsonTokenType.StartObject) throw Fail("expected " + what + ", found " + Describe());
        }

        private void ExpectArray(string what)
        {
            if (_type != JsonTokenType.StartArray) throw Fail("expected " + what + ", found " + Describe());
        }

        private string Describe() => _type switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            _ => "`" + _type.ToString() + "`",
        };

        // ───────────────────────────── structure ─────────────────────────────

        /// <summary>Advances inside an object: true at a property name (<see cref="_nameId"/> set), false at its end.</summary>
        private bool NextProperty()
        {
            Next();
            return _type == JsonTokenType.PropertyName;
        }

        /// <summary>Advances inside an array: true at the start of an item, false at its end.</summary>
        private bool NextItem()
        {
            Next();
            return _type != JsonTokenType.EndArray;
        }

        /// <summary>At a known property name: pushes it on the path, rejects a repeat, moves to its value.</summary>
        private void EnterProperty(ref int seen)
        {
            PushName(KnownNames[_nameId]);
            var bit = 1 << _nameId;
            if ((seen & bit) != 0) throw Fail("property `" + KnownNames[_nameId] + "` is given twice; expected it once");
            seen |= bit;
            Next();
        }

        /// <summary>
        /// At a property name the object does not have: the error, at the property's path and line, with the closest
        /// known name, or the list of them.
        /// </summary>
        private GovernanceInputException UnknownProperty(params string[] known)
        {
            var name = new string(Chars);
            PushName(name);
            var hint = Suggestions.DidYouMean(name, known);
            return Fail("unknown property `" + name + "`" + (hint.Length > 0 ? hint : "; expected one of `" + string.Join("`, `", known) + "`"));
        }

        /// <summary>The current string, property name or number; a known property name is copied in when first asked for.</summary>
        private ReadOnlySpan<char> Chars
        {
            get
            {
                if (_knownNamePending)
                {
                    _knownNamePending = false;
                    KnownNames[_nameId].CopyTo(_chars);
                    _charCount = KnownNames[_nameId].Length;
                }
                return new(_chars, 0, _charCount);
            }
        }

        // ───────────────────────────── tokens over the refilled buffer ─────────────────────────────

        /// <summary>Reads the first token; an empty (or whitespace-only) input is its own error.</summary>
        private void Start()
        {
            // Skip a UTF-8 byte order mark.
            while (_length < 3 && !_eof) Refill();
            if (_length >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF) _offset = 3;
            while (true)
            {
                if (!IsWhitespace(new ReadOnlySpan<byte>(_buffer, _offset, _length - _offset))) break;
                if (_eof) throw Fail("the file is empty; expected a snapshot object with `format` and `domains`", null);
                Refill();
            }
            Next();
        }

        // A loop: it runs once per file, on its first bytes, and IndexOfAnyExcept's generic code would be compiled at run time.
        private static bool IsWhitespace(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
            }
            return true;
        }

        /// <summary>Reads the next token into <see cref="_type"/> (and <see cref="Chars"/> for strings, names and numbers).</summary>
        private void Next()
        {
            if (_nextToken == _tokenCount) Tokenize();
            ref readonly var token = ref _tokens[_nextToken++];
            _type = token.Type;
            _tokenLine = token.Line;
            _line = token.EndLine;
            _offset = token.End;
            _knownNamePending = false;
            if (_type == JsonTokenType.String || _type == JsonTokenType.PropertyName) Decode(in token);
            else if (_type == JsonTokenType.Number) DecodeNumber(in token);
        }

        /// <summary>
        /// Reads the next tokens of the buffer into <see cref="_tokens"/> with one <see cref="Utf8JsonReader"/> (a reader per
        /// token costs as much as the token), refilling the buffer first when it holds no complete token. The tokens are
        /// handed out one by one before the buffer moves; a malformed token ends the run, and is reported (as it would be
        /// token by token) when the parser reaches it.
        /// </summary>
        private void Tokenize()
        {
            _nextToken = 0;
            _tokenCount = 0;
            while (true)
            {
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _offset, _length - _offset), _eof, _state);
                var line = _line;
                var previous = 0;
                // A Read that returns false or throws leaves the reader's state past the last token (its line count moved
                // on), so the state after the last token is replayed from the latest checkpoint.
                var checkpoint = _state;
                var checkpointConsumed = 0;
                var checkpointCount = 0;
                var complete = false;
                try
                {
                    while (_tokenCount < _tokens.Length && reader.Read())
                    {
                        var consumed = checked((int)reader.BytesConsumed);
                        var start = checked((int)reader.TokenStartIndex);
                        ref var token = ref _tokens[_tokenCount++];
                        line += new ReadOnlySpan<byte>(_buffer, _offset + previous, start - previous).Count((byte)'\n');
                        token.Line = line;
                        token.Type = reader.TokenType;
                        // Only a property name's token can hold a line break (before its colon).
                        if (token.Type == JsonTokenType.PropertyName) line += new ReadOnlySpan<byte>(_buffer, _offset + start, consumed - start).Count((byte)'\n');
                        token.EndLine = line;
                        token.End = _offset + consumed;
                        if (token.Type is JsonTokenType.String or JsonTokenType.PropertyName or JsonTokenType.Number)
                        {
                            token.ValueStart = _offset + start + (token.Type == JsonTokenType.Number ? 0 : 1);
                            token.ValueLength = reader.ValueSpan.Length;
                            token.Escaped = reader.ValueIsEscaped;
                        }
                        previous = consumed;
                        // The root value is complete: what follows is EnsureEnd's.
                        if (reader.CurrentDepth == 0 && token.Type is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                        {
                            complete = true;
                            break;
                        }
                        if ((_tokenCount & 63) == 0)
                        {
                            checkpoint = reader.CurrentState;
                            checkpointConsumed = consumed;
                            checkpointCount = _tokenCount;
                        }
                    }
                    complete |= _tokenCount == _tokens.Length;
                }
                catch (JsonException ex)
                {
                    if (_tokenCount == 0) throw Malformed(ex);
                    // The tokens before the malformed one are handed out first; the next run starts after them and reports it.
                }
                if (_tokenCount > 0)
                {
                    _state = complete ? reader.CurrentState : StateAfter(checkpoint, checkpointConsumed, _tokenCount - checkpointCount);
                    return;
                }
                if (_eof) throw Fail("the file ends before the snapshot is complete; expected the rest of the JSON", _line);
                Refill();
            }
        }

        /// <summary>The reader's state after <paramref name="count"/> tokens (which read before) from <paramref name="state"/>
        /// at <paramref name="consumed"/> bytes past <see cref="_offset"/>.</summary>
        private JsonReaderState StateAfter(JsonReaderState state, int consumed, int count)
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _offset + consumed, _length - _offset - consumed), _eof, state);
            for (var i = 0; i < count; i++) reader.Read();
            return reader.CurrentState;
        }

        private void Decode(in Token token)
        {
            if (_type == JsonTokenType.PropertyName && !token.Escaped
                && KnownId(new ReadOnlySpan<byte>(_buffer, token.ValueStart, token.ValueLength)) is var known and >= 0)
            {
                // Most names are known ones, which need no decoding (ASCII) until asked for.
                _nameId = known;
                _knownNamePending = true;
                return;
            }
            var max = token.ValueLength; // UTF-16 never needs more chars than the UTF-8 (or escaped) bytes
            if (_chars.Length < max)
            {
                ArrayPool<char>.Shared.Return(_chars);
                _chars = ArrayPool<char>.Shared.Rent(Math.Max(max, _chars.Length * 2));
            }
            var raw = new ReadOnlySpan<byte>(_buffer, token.ValueStart, token.ValueLength);
            if (token.Escaped || System.Text.Unicode.Utf8.ToUtf16(raw, _chars, out _, out _charCount, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                // Escapes, or not valid UTF-8: the JSON reader's own unescaping and its error, on the token alone.
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, token.ValueStart - 1, token.ValueLength + 2), isFinalBlock: true, default);
                reader.Read();
                try
                {
                    _charCount = reader.CopyString(_chars);
                }
                catch (InvalidOperationException ex)
                {
                    throw Fail("a string is not valid text (invalid UTF-8 or an unpaired surrogate escape); expected UTF-8 text", _tokenLine, ex);
                }
            }
            _nameId = _type == JsonTokenType.PropertyName ? KnownId(Chars) : -1;
        }

        /// <summary>The index of the known property name spelt by <paramref name="name"/> (UTF-8, unescaped), else -1.</summary>
        private static int KnownId(ReadOnlySpan<byte> name)
        {
            var candidates = name.Length < KnownUtf8ByLength.Length ? KnownUtf8ByLength[name.Length] : null;
            if (candidates is null) return -1;
            foreach (var (bytes, id) in candidates)
            {
                if (name.SequenceEqual(bytes)) return id;
            }
            return -1;
        }

        /// <summary>The index of the known property name spelt by <paramref name="name"/> (decoded), else -1. Only names
        /// that were escaped or are unknown come here.</summary>
        private static int KnownId(ReadOnlySpan<char> name)
        {
            for (var i = 0; i < KnownNames.Length; i++)
            {
                if (name.SequenceEqual(KnownNames[i])) return i;
            }
            return -1;
        }

        /// <summary>The known names in UTF-8 with their index, by length.</summary>
        private static readonly (byte[] Bytes, int Id)[]?[] KnownUtf8ByLength = BuildKnownUtf8();

        // Plain loops: at start-up, LINQ over value tuples costs JIT compilation that ReadyToRun code cannot spare.
        private static (byte[] Bytes, int Id)[]?[] BuildKnownUtf8()
        {
            var longest = 0;
            foreach (var name in KnownNames) longest = Math.Max(longest, name.Length);
            var byLength = new (byte[] Bytes, int Id)[]?[longest + 1];
            for (var i = 0; i < KnownNames.Length; i++)
            {
                var bytes = Encoding.UTF8.GetBytes(KnownNames[i]);
                var same = byLength[bytes.Length];
                var count = same?.Length ?? 0;
                var grown = new (byte[] Bytes, int Id)[count + 1];
                same?.CopyTo(grown, 0);
                grown[count] = (bytes, i);
                byLength[bytes.Length] = grown;
            }
            return byLength;
        }

        /// <summary>A number's text (ASCII) into <see cref="Chars"/>.</summary>
        private void DecodeNumber(in Token token)
        {
            var bytes = new ReadOnlySpan<byte>(_buffer, token.ValueStart, token.ValueLength);
            if (_chars.Length < bytes.Length)
            {
                ArrayPool<char>.Shared.Return(_chars);
                _chars = ArrayPool<char>.Shared.Rent(bytes.Length);
            }
            for (var i = 0; i < bytes.Length; i++) _chars[i] = (char)bytes[i];
            _charCount = bytes.Length;
        }

        /// <summary>Keeps the unconsumed bytes, grows the buffer when they fill it, and reads more.</summary>
        private void Refill()
        {
            JsonBuffers.Refilled refilled;
            try
            {
                refilled = JsonBuffers.Refill(_stream, ref _buffer, ref _offset, ref _length, MaxTokenBytes);
            }
            catch (IOException ex)
            {
                throw Fail("the file cannot be read: " + ex.Message, _line, ex);
            }
            if (refilled == JsonBuffers.Refilled.TooLong)
            {
                throw Fail("a single JSON value is longer than " + (MaxTokenBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)
                    + " MiB; expected a snapshot of names, types and tags", _line);
            }
            if (refilled == JsonBuffers.Refilled.End) _eof = true;
        }

        /// <summary>After the root object: only whitespace may follow.</summary>
        private void EnsureEnd()
        {
            while (true)
            {
                for (; _offset < _length; _offset++)
                {
                    var b = _buffer[_offset];
                    if (b == (byte)'\n') _line++;
                    else if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r')
                    {
                        _depth = 0;
                        throw Fail("unexpected content after the root object; expected the end of the file", _line);
                    }
                }
                if (_eof) return;
                _offset = 0;
                _length = 0;
                Refill();
            }
        }

        private GovernanceInputException Malformed(JsonException ex)
        {
            var remaining = new ReadOnlySpan<byte>(_buffer, _offset, _length - _offset);
            if (_eof && JsonBuffers.IsValidPrefix(remaining, _state))
            {
                return Fail("the file ends before the snapshot is complete; expected the rest of the JSON, up to the `}` that closes the root object",
                    _line + remaining.Count((byte)'\n'), ex);
            }
            return Fail(JsonBuffers.Malformed(ex), ex.LineNumber is { } l ? l + 1 : _line, ex);
        }

        // ───────────────────────────── the JSON path ─────────────────────────────

        private void PushName(string name)
        {
            if (_depth == _path.Length) System.Array.Resize(ref _path, _depth * 2);
            _path[_depth++] = new PathSegment { Name = name };
        }

        private void PushIndex(int index)
        {
            if (_depth == _path.Length) System.Array.Resize(ref _path, _depth * 2);
            _path[_depth++] = new PathSegment { Index = index };
        }

        private void SetIndex(int index) => _path[_depth - 1].Index = index;

        private void Pop() => _depth--;

        /// <summary>The path of the first <paramref name="count"/> segments.</summary>
        private string RenderPath(int count)
        {
            var sb = new StringBuilder("$");
            for (var i = 0; i < count; i++)
            {
                var segment = _path[i];
                if (segment.Name is null)
                {
                    sb.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                else
                {
                    sb.Append(SnapshotValidator.PathMember(segment.Name));
                }
            }
            return sb.ToString();
        }

        /// <summary>At <c>…[i].name</c>: the path of item <paramref name="index"/> of the same array.</summary>
        private string SiblingPath(int index)
            => RenderPath(_depth - 2) + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

        /// <summary>A line as the model keeps it: 0 (unknown) past <see cref="int.MaxValue"/>.</summary>
        private static int Line32(long line) => line > int.MaxValue ? 0 : (int)line;

        /// <summary>Where an element is written: this file at <paramref name="line"/> (null when the input has no name).</summary>
        private SourceLocation? Location(long line) => _file is null ? null : new SourceLocation(_file, line: line);

        private GovernanceInputException Fail(string problem) => Fail(problem, _tokenLine);

        private GovernanceInputException Fail(string problem, long? line, Exception? inner = null)
            => new(GovIds.InvalidSnapshot, _file, RenderPath(_depth), line, problem, inner);
    }
}
