using System.Collections;
using System.Reflection;

namespace Segmentation.Notebooks.Display;

/// <summary>
/// A sequence of records (classes, records, anonymous objects, tuples) as a table: one column per
/// public property or field, the first rows only.
/// </summary>
internal static class RecordTable
{
    /// <summary>Sequences are counted up to this many items; a longer one is "more than" it.</summary>
    private const int CountLimit = 1_000_000;

    /// <summary>The element type when <paramref name="value"/> is a sequence of records, else null.</summary>
    public static Type? RecordElementType(object value)
    {
        if (value is string || value is not IEnumerable)
            return null;
        var sequence = value
            .GetType()
            .GetInterfaces()
            .Append(value.GetType())
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        if (sequence is null)
            return null;
        var element = sequence.GetGenericArguments()[0];
        if (element == typeof(object) || element.IsInterface || element.IsAbstract || IsScalar(element))
            return null;
        if (typeof(IEnumerable).IsAssignableFrom(element))
            return null;
        return Members(element).Count > 0 ? element : null;
    }

    public static DisplayTable Create(IEnumerable sequence, Type elementType, int rowLimit)
    {
        var members = Members(elementType);
        var header = members.Select(m => m.Name).ToArray();
        var rows = new List<IReadOnlyList<string>>();
        long total = 0;
        foreach (var item in sequence)
        {
            if (total < rowLimit)
                rows.Add(members.Select(m => DisplayText.Format(item is null ? null : Read(m, item))).ToArray());
            total++;
            if (total >= CountLimit)
                break;
        }
        var totalText = total >= CountLimit ? "more than " + DisplayText.Count(CountLimit) : null;
        return new DisplayTable(header, rows, total, totalText);
    }

    private static List<MemberInfo> Members(Type type)
    {
        var members = new List<MemberInfo>();
        members.AddRange(
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true })
        );
        members.AddRange(type.GetFields(BindingFlags.Public | BindingFlags.Instance));
        return members;
    }

    private static object? Read(MemberInfo member, object item) =>
        member switch
        {
            PropertyInfo p => p.GetValue(item),
            FieldInfo f => f.GetValue(item),
            _ => null,
        };

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive
            || t.IsEnum
            || t == typeof(string)
            || t == typeof(decimal)
            || t == typeof(DateTime)
            || t == typeof(DateOnly)
            || t == typeof(TimeOnly)
            || t == typeof(DateTimeOffset)
            || t == typeof(TimeSpan)
            || t == typeof(Guid);
    }
}
