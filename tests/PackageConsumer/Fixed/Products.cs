using Governance;

[assembly: DataDomain("sales", Owner = "sales-data@acme.example")]

namespace Acme.Sales;

[DataProduct("sales", "orders", Owner = "orders-team@acme.example", Version = "1.4.0")]
[Tag("DATA_DOMAIN", "sales")]
public static class Orders
{
    [Dataset("ORDERS")]
    [Tag("SENSITIVITY", "internal")]
    public sealed class OrdersTable
    {
        [Column("ORDER_ID")]
        public long OrderId { get; init; }

        [Column("CUSTOMER_EMAIL", "VARCHAR(256)")]
        [Tag("SENSITIVITY", "restricted")]
        [Tag("PII", "email")]
        public string? CustomerEmail { get; init; }

        [Column("CONTACT_PHONE", "VARCHAR(32)")]
        [Tag("PII", "phone")]
        public string? ContactPhone { get; init; }

        [Column("HAS_ACTIVE")]
        public bool Active { get; init; }

        [Column("CREATED_AT", "TIMESTAMP_NTZ")]
        public DateTime Created { get; init; }
    }
}
