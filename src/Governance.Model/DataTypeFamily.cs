namespace Governance;

/// <summary>The family a selector matches on: kinds whose values a rule treats alike.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum DataTypeFamily
{
    /// <summary>VARCHAR of any length (STRING, TEXT, CHAR …).</summary>
    Text,
    /// <summary>NUMBER, FLOAT and DECFLOAT.</summary>
    Numeric,
    /// <summary>BOOLEAN.</summary>
    Boolean,
    /// <summary>DATE.</summary>
    Date,
    /// <summary>TIME.</summary>
    Time,
    /// <summary>TIMESTAMP_NTZ, TIMESTAMP_LTZ and TIMESTAMP_TZ.</summary>
    Timestamp,
    /// <summary>BINARY and VARBINARY.</summary>
    Binary,
    /// <summary>VARIANT, OBJECT and ARRAY.</summary>
    SemiStructured,
    /// <summary>GEOGRAPHY and GEOMETRY.</summary>
    Geospatial,
    /// <summary>VECTOR.</summary>
    Vector,
}
