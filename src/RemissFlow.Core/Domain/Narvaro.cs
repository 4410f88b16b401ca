namespace RemissFlow.Core.Domain;

/// <summary>One member of the organ at one meeting: present or not, and for an ersättare, whom they serve for.</summary>
public sealed class Narvaro : Entity
{
    public Guid SammantradeId { get; set; }

    public Guid LedamotId { get; set; }

    public bool Narvarande { get; set; }

    /// <summary>The absent ledamot this ersättare serves for (null: not serving, or an ordinary ledamot).</summary>
    public Guid? ErsatterLedamotId { get; set; }
}

/// <summary>A member who is jävig leaves one item (KL 6:28–32); an ersättare present may serve for them on that item.</summary>
public sealed class Jav : Entity
{
    public Guid SammantradeId { get; set; }

    /// <summary>The agenda item: a <see cref="Foredragningspunkt"/> or an <see cref="OvrigPunkt"/>.</summary>
    public Guid PunktId { get; set; }

    public Guid LedamotId { get; set; }

    public Guid? ErsattareId { get; set; }
}

public enum Rost
{
    Ja,
    Nej,
    Avstar,
}

/// <summary>A serving member's vote in an open votering by name.</summary>
public sealed class Rostning
{
    public Guid LedamotId { get; set; }

    public required string Namn { get; set; }

    public Rost Rost { get; set; }
}

/// <summary>An omröstning on one item: the two propositions put against each other, every serving member's vote and the result.</summary>
public sealed class Votering : Entity
{
    public Guid SammantradeId { get; set; }

    public Guid PunktId { get; set; }

    /// <summary>The proposition a ja-vote is for (usually the ordförande's main proposal).</summary>
    public required string JaForslag { get; set; }

    public required string NejForslag { get; set; }

    public int Ja { get; set; }

    public int Nej { get; set; }

    public int Avstar { get; set; }

    /// <summary>The proposition that won.</summary>
    public required string Utfall { get; set; }

    /// <summary>True when the votes were equal and the ordförande's casting vote decided.</summary>
    public bool Utslagsrost { get; set; }

    public List<Rostning> Roster { get; set; } = [];
}
