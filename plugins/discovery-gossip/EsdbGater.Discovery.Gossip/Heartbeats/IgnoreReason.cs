namespace EsdbGater.Discovery.Gossip.Heartbeats;

/// <summary>Why a datagram on the gossip port did not count as a heartbeat.</summary>
public enum IgnoreReason
{
    /// <summary>Larger than any heartbeat can be (a node name is at most 255 characters).</summary>
    TooLarge,

    /// <summary>A secret is set, but the datagram is not an IV plus whole AES blocks (plaintext from a cluster without a secret, or junk).</summary>
    NotCiphertext,

    /// <summary>Decryption gave no valid PKCS#7 padding: another secret, or not encrypted at all.</summary>
    DecryptionFailed,

    /// <summary>The (decrypted) bytes do not start with <c>heartbeat::</c>: foreign traffic, or encrypted heartbeats while no secret is set.</summary>
    NoHeartbeatPrefix,

    /// <summary>The bytes after the prefix are not one valid external term.</summary>
    MalformedTerm,

    /// <summary>The term is not a map whose <c>node</c> key holds an atom.</summary>
    NotANodeMap,

    /// <summary>The node atom is not a usable <c>alive@host</c> name.</summary>
    InvalidNodeName,

    /// <summary>The heartbeat names the gateway itself.</summary>
    OwnNode,

    /// <summary>The node table is full (<c>MaxNodes</c>); the new name was not added.</summary>
    TableFull,

    /// <summary>Handling the datagram failed unexpectedly; the receive loop carried on.</summary>
    HandlerFault,
}
