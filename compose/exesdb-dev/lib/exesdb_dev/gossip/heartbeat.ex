defmodule ExesdbDev.Gossip.Heartbeat do
  @moduledoc """
  The libcluster 3.5 `Cluster.Strategy.Gossip` datagram.

  Plain: `"heartbeat::" <> :erlang.term_to_binary(%{node: node})`. With a secret:
  `IV (16 random bytes) <> AES-256-CBC(SHA-256(secret), IV, PKCS7(plain))`.
  """

  @prefix "heartbeat::"
  @block 16

  @doc "The plaintext heartbeat for `node`, encoded as libcluster does (`term_to_binary/1`)."
  @spec plaintext(node()) :: binary()
  def plaintext(node), do: @prefix <> :erlang.term_to_binary(%{node: node})

  @doc "The datagram to send: plaintext without a secret, encrypted with a random IV otherwise."
  @spec datagram(node(), binary() | nil) :: binary()
  def datagram(node, nil), do: plaintext(node)
  def datagram(node, secret), do: encrypt(plaintext(node), secret, :crypto.strong_rand_bytes(@block))

  @doc "Encrypts `plain` with a given IV; the result starts with the IV."
  @spec encrypt(binary(), binary(), <<_::128>>) :: binary()
  def encrypt(plain, secret, <<_::binary-size(16)>> = iv) do
    iv <> :crypto.crypto_one_time(:aes_256_cbc, key(secret), iv, pad(plain), true)
  end

  @doc "Decodes a received datagram into the sender's node name."
  @spec decode(binary(), binary() | nil) :: {:ok, node()} | {:error, term()}
  def decode(datagram, nil), do: parse(datagram)

  def decode(<<iv::binary-size(16), cipher::binary>>, secret)
      when byte_size(cipher) > 0 and rem(byte_size(cipher), @block) == 0 do
    plain = :crypto.crypto_one_time(:aes_256_cbc, key(secret), iv, cipher, false)

    with {:ok, unpadded} <- unpad(plain), do: parse(unpadded)
  rescue
    error -> {:error, {:decrypt_failed, error}}
  end

  def decode(_datagram, _secret), do: {:error, :not_a_heartbeat}

  defp parse(@prefix <> term) do
    case :erlang.binary_to_term(term, [:safe]) do
      %{node: node} when is_atom(node) -> {:ok, node}
      other -> {:error, {:unexpected_term, other}}
    end
  rescue
    ArgumentError -> {:error, :bad_term}
  end

  defp parse(_), do: {:error, :not_a_heartbeat}

  defp key(secret), do: :crypto.hash(:sha256, secret)

  @doc "PKCS#7 padding to a multiple of 16 bytes (1..16 bytes added)."
  @spec pad(binary()) :: binary()
  def pad(data) do
    n = @block - rem(byte_size(data), @block)
    data <> :binary.copy(<<n>>, n)
  end

  defp unpad(data) when byte_size(data) > 0 do
    n = :binary.last(data)

    if n in 1..@block and n <= byte_size(data) and
         binary_part(data, byte_size(data) - n, n) == :binary.copy(<<n>>, n),
       do: {:ok, binary_part(data, 0, byte_size(data) - n)},
       else: {:error, :bad_padding}
  end

  defp unpad(_), do: {:error, :bad_padding}
end
