using System.Security.Cryptography;
using System.Text;
using Segmentation.Data;
using Segmentation.Privacy;

namespace Segmentation.Tests.Privacy;

public sealed class PseudonymizerTests
{
    private static readonly PseudonymizationKey Key = PseudonymizationKey.FromBytes(
        Encoding.UTF8.GetBytes("a secret of 24 characters")
    );

    [Fact]
    public void Pseudonym_is_the_first_64_bits_of_hmac_sha256_in_hex()
    {
        var expected =
            "p_"
            + Convert.ToHexStringLower(
                HMACSHA256.HashData(
                    Encoding.UTF8.GetBytes("a secret of 24 characters"),
                    Encoding.UTF8.GetBytes("12345")
                )
            )[..16];
        Assert.Equal(expected, new Pseudonymizer(Key).Pseudonymize("12345"));
    }

    [Fact]
    public void Pseudonyms_are_stable_across_instances_and_depend_on_the_key()
    {
        var other = PseudonymizationKey.FromBytes(Encoding.UTF8.GetBytes("another secret, 24 chars"));
        Assert.Equal(new Pseudonymizer(Key).Pseudonymize("c1"), new Pseudonymizer(Key).Pseudonymize("c1"));
        Assert.NotEqual(new Pseudonymizer(Key).Pseudonymize("c1"), new Pseudonymizer(other).Pseudonymize("c1"));
        Assert.NotEqual(new Pseudonymizer(Key).Pseudonymize("c1"), new Pseudonymizer(Key).Pseudonymize("c2"));
    }

    [Fact]
    public void A_short_key_is_refused_with_its_length()
    {
        var e = Assert.Throws<OptionsException>(() => PseudonymizationKey.FromBytes(new byte[5], "SEG_KEY"));
        Assert.Equal("SEG_KEY: pseudonymisation key has 5 bytes; expected at least 16", e.Message);
    }

    [Fact]
    public void Key_from_file_ignores_surrounding_white_space_and_missing_file_is_named()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "  a secret of 24 characters\n");
        try
        {
            Assert.Equal(
                new Pseudonymizer(Key).Pseudonymize("x"),
                new Pseudonymizer(PseudonymizationKey.FromFile(path)).Pseudonymize("x")
            );
        }
        finally
        {
            File.Delete(path);
        }
        var e = Assert.Throws<SegmentationException>(() => PseudonymizationKey.FromFile("/no/such/key"));
        Assert.Contains("/no/such/key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Applying_to_a_store_replaces_every_identifier_consistently_and_keeps_every_row()
    {
        var t0 = new DateTime(2024, 1, 1);
        var clean = new[]
        {
            new Transaction("alice", "o1", t0, 1, 2),
            new Transaction("bob", "o2", t0, 1, 3),
            new Transaction("alice", "o3", t0, 2, 2),
        };
        var returns = new[] { new Transaction("bob", "C9", t0, -1, 3) };
        using var store = TransactionStore.FromTransactions(clean, returns);
        var pseudonymizer = new Pseudonymizer(Key);

        var distinct = pseudonymizer.Apply(store);

        Assert.Equal(2, distinct);
        var after = store.Read().ToDictionary(t => t.OrderId);
        Assert.Equal(3, after.Count);
        Assert.Equal(pseudonymizer.Pseudonymize("alice"), after["o1"].CustomerId);
        Assert.Equal(pseudonymizer.Pseudonymize("alice"), after["o3"].CustomerId);
        Assert.Equal(pseudonymizer.Pseudonymize("bob"), after["o2"].CustomerId);
        Assert.Equal(pseudonymizer.Pseudonymize("bob"), store.Read(TransactionStore.ReturnsTable).Single().CustomerId);
        Assert.DoesNotContain(after.Values, t => t.CustomerId is "alice" or "bob");
    }

    [Fact]
    public void The_quarantine_keeps_every_row_and_line_but_no_identifier_in_clear()
    {
        var t0 = new DateTime(2024, 1, 1);
        using var store = TransactionStore.FromTransactions([new Transaction("alice", "o1", t0, 1, 2)]);
        store.Execute(
            $$"""
            INSERT INTO {{TransactionStore.QuarantineTable}} (line_number, reason, raw, source, rule, column_name,
                "value") VALUES
            (7, 'quantity is not a number', 'alice,o2,2024-01-01,x,2', 'transactions', 'bad_quantity', 'quantity', 'x'),
            (9, 'customer id is too long', 'carol-the-long-id,o3,2024-01-02,1,2', 'transactions', 'bad_customer_id',
                'customer_id', 'carol-the-long-id'),
            (11, 'line has 3 fields; expected 5', 'bob,o4,1', 'transactions', 'malformed', NULL, NULL)
            """
        );
        var pseudonymizer = new Pseudonymizer(Key);

        pseudonymizer.Apply(store);

        using var command = store.Connection.CreateCommand();
        command.CommandText =
            $"SELECT line_number, raw, column_name, \"value\" FROM {TransactionStore.QuarantineTable} ORDER "
            + "BY line_number";
        using var reader = command.ExecuteReader();
        var rows = new List<(long Line, string Raw, string? Value)>();
        while (reader.Read())
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(3) ? null : reader.GetString(3)));
        Assert.Equal([7L, 9L, 11L], rows.Select(r => r.Line));
        Assert.All(rows, r => Assert.Equal(Pseudonymizer.WithheldRaw, r.Raw));
        Assert.Equal(["x", pseudonymizer.Pseudonymize("carol-the-long-id"), null], rows.Select(r => r.Value));
    }
}

public sealed class DirectIdentifierTests
{
    [Theory]
    [InlineData("email", DirectIdentifierKind.Email)]
    [InlineData("E-Mail", DirectIdentifierKind.Email)]
    [InlineData("phone", DirectIdentifierKind.Phone)]
    [InlineData("mobile", DirectIdentifierKind.Phone)]
    [InlineData("手机", DirectIdentifierKind.Phone)]
    [InlineData("name", DirectIdentifierKind.Name)]
    [InlineData("customer_name", DirectIdentifierKind.Name)]
    [InlineData("姓名", DirectIdentifierKind.Name)]
    [InlineData("shipping_address", DirectIdentifierKind.Address)]
    [InlineData("地址", DirectIdentifierKind.Address)]
    [InlineData("passport", DirectIdentifierKind.NationalId)]
    public void Identifier_headers_are_detected(string header, DirectIdentifierKind kind)
    {
        var found = Assert.Single(DirectIdentifiers.Detect([header]));
        Assert.Equal(kind, found.Kind);
        Assert.Equal("name", found.Evidence);
    }

    [Theory]
    [InlineData("product_name")]
    [InlineData("city")]
    [InlineData("customer_id")]
    [InlineData("income")]
    [InlineData("country")]
    [InlineData("channel")]
    public void Ordinary_columns_are_not_identifiers(string header) => Assert.Empty(DirectIdentifiers.Detect([header]));

    [Fact]
    public void Columns_are_detected_by_their_values_when_the_header_says_nothing()
    {
        string?[] emails = ["a@x.com", "b.c@y.org", null, "d@z.net"];
        string?[] phones = ["+86 138 0013 8000", "010-6552-9988", "(212) 555-0100"];
        string?[] amounts = ["12.50", "3", "7.25"];
        var found = DirectIdentifiers.Detect(["contact1", "contact2", "amount"], [emails, phones, amounts]);
        Assert.Equal(
            [("contact1", DirectIdentifierKind.Email), ("contact2", DirectIdentifierKind.Phone)],
            found.Select(f => (f.Column, f.Kind)).ToArray()
        );
        Assert.All(found, f => Assert.Equal("values", f.Evidence));
    }
}

public sealed class SmallGroupTests
{
    [Fact]
    public void Small_groups_are_merged_and_the_note_says_so()
    {
        var result = SmallGroups.Protect([new("a", 50), new("b", 4), new("c", 30), new("d", 7)]);
        Assert.Equal(
            [new GroupCount("a", 50), new GroupCount("c", 30), new GroupCount("Other (small groups)", 11)],
            result.Shown
        );
        Assert.Equal(["b", "d"], result.MergedGroups);
        Assert.Empty(result.SuppressedGroups);
        Assert.Contains("merged", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_merged_group_still_too_small_is_suppressed_with_its_count()
    {
        var result = SmallGroups.Protect([new("a", 50), new("b", 4), new("c", 3)]);
        Assert.Equal([new GroupCount("a", 50)], result.Shown);
        Assert.Equal(["b", "c"], result.SuppressedGroups);
        Assert.Equal(7, result.SuppressedCount);
        Assert.Contains("not shown", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void No_shown_group_is_ever_below_the_minimum_for_any_threshold()
    {
        var groups = Enumerable.Range(1, 40).Select(i => new GroupCount($"g{i}", i % 13)).ToArray();
        foreach (var k in new[] { 1, 2, 5, 10, 20, 100 })
        {
            foreach (var action in new[] { SmallGroupAction.Merge, SmallGroupAction.Suppress })
            {
                var result = SmallGroups.Protect(
                    groups,
                    new DisclosureOptions { MinimumGroupSize = k, Action = action }
                );
                Assert.All(result.Shown, g => Assert.True(g.Count >= k));
                Assert.Equal(groups.Sum(g => g.Count), result.Shown.Sum(g => g.Count) + result.SuppressedCount);
            }
        }
    }

    [Fact]
    public void Cells_below_the_minimum_are_suppressed_and_zeros_kept()
    {
        var (counts, suppressed) = SmallGroups.SuppressCells(
            new long[,]
            {
                { 0, 3 },
                { 10, 25 },
            },
            10
        );
        Assert.Equal(1, suppressed);
        Assert.Equal(0, counts[0, 0]);
        Assert.Null(counts[0, 1]);
        Assert.Equal(10, counts[1, 0]);
        Assert.Equal(25, counts[1, 1]);
    }

    [Fact]
    public void Invalid_minimum_is_refused()
    {
        var e = Assert.Throws<OptionsException>(() =>
            SmallGroups.Protect([new("a", 1)], new DisclosureOptions { MinimumGroupSize = 0 })
        );
        Assert.Equal("minimumGroupSize=0 must be >= 1", e.Message);
    }
}
