//! Which hosts a source URL may name, and where an API-key secret may be sent.
//!
//! A feed's sources are fetched by every operator's node, from the operator's own machine and
//! network: a URL naming `localhost` or an IP address in a loopback, private, link-local or
//! unspecified range would let whoever configures feeds probe services there. Such URLs are
//! refused when a feed is created or updated, and not fetched, unless the chain's
//! [`HostRules`] allow them (a development chain allows loopback, for a local price server).
//!
//! IP literals are read as resolvers read them: a host whose last label is a number (`127.1`,
//! `2130706433`, `0x7f.1`) is an IPv4 address in any of the forms `inet_aton` accepts, and a
//! bracketed host is an IPv6 address (IPv4-mapped and NAT64 addresses are judged by the IPv4
//! address they carry). Names that resolve to such addresses through DNS are beyond what the
//! chain can see: an operator keeps its node's outbound traffic off its private network.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::net::{Ipv4Addr, Ipv6Addr};
use scale_info::TypeInfo;

/// What the chain allows source URLs to name, beyond public hosts.
#[derive(
	Clone,
	Copy,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct HostRules {
	/// Loopback hosts (`localhost`, `127.0.0.0/8`, `::1`), for a local price server on a
	/// development chain. Off on every network with real operators.
	pub allow_loopback: bool,
}

/// The kind of host a URL names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum HostClass {
	/// A DNS name, or a public IP address.
	Public,
	/// `localhost`, `*.localhost`, `127.0.0.0/8`, `::1`.
	Loopback,
	/// `10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`, `100.64.0.0/10` (shared), `fc00::/7`.
	Private,
	/// `169.254.0.0/16`, `fe80::/10`.
	LinkLocal,
	/// `0.0.0.0/8`, `::`.
	Unspecified,
}

/// A URL's scheme and host (lower case, without port or brackets), if it is `http` or
/// `https` with an authority.
pub fn url_host(url: &[u8]) -> Option<(bool, alloc::vec::Vec<u8>)> {
	let lower = url.to_ascii_lowercase();
	let (https, rest) = if let Some(rest) = lower.strip_prefix(b"https://") {
		(true, rest)
	} else if let Some(rest) = lower.strip_prefix(b"http://") {
		(false, rest)
	} else {
		return None;
	};
	let end = rest.iter().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(rest.len());
	let authority = rest.get(..end)?;
	let host = if let Some(bracketed) = authority.strip_prefix(b"[") {
		let close = bracketed.iter().position(|b| *b == b']')?;
		bracketed.get(..close)?
	} else {
		let colon = authority.iter().rposition(|b| *b == b':').unwrap_or(authority.len());
		authority.get(..colon)?
	};
	(!host.is_empty()).then(|| (https, host.to_vec()))
}

/// Reads `text` as one part of an `inet_aton` address: decimal, octal (leading `0`) or hex
/// (`0x`).
fn number(text: &[u8]) -> Option<u32> {
	let (digits, radix) =
		if let Some(hex) = text.strip_prefix(b"0x").or_else(|| text.strip_prefix(b"0X")) {
			(hex, 16)
		} else if text.len() > 1 && text.starts_with(b"0") {
			(text.get(1..)?, 8)
		} else {
			(text, 10)
		};
	if digits.is_empty() && radix == 16 {
		// `0x` alone is 0 to `inet_aton`.
		return Some(0);
	}
	let text = core::str::from_utf8(digits).ok()?;
	if text.is_empty() || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
		return None;
	}
	u32::from_str_radix(text, radix).ok()
}

/// An IPv4 address in any form `inet_aton` accepts: `a.b.c.d`, `a.b.c` (c 16 bits), `a.b`
/// (b 24 bits), `a` (32 bits), each part decimal, octal or hex.
fn ipv4(host: &[u8]) -> Option<Ipv4Addr> {
	let host = host.strip_suffix(b".").unwrap_or(host);
	let parts: alloc::vec::Vec<u32> =
		host.split(|b| *b == b'.').map(number).collect::<Option<_>>()?;
	let (last, leading) = parts.split_last()?;
	if leading.len() > 3 || leading.iter().any(|part| *part > 255) {
		return None;
	}
	let bits = 32u32.checked_sub(8u32.checked_mul(u32::try_from(leading.len()).ok()?)?)?;
	if bits < 32 && *last >= 1u32.checked_shl(bits)? {
		return None;
	}
	let high = leading.iter().fold(0u32, |acc, part| acc.wrapping_shl(8) | *part);
	let address = if bits == 32 { *last } else { high.checked_shl(bits)? | *last };
	Some(Ipv4Addr::from(address))
}

/// Whether a host's last label is a number, which makes it an IPv4 address to a resolver.
fn ends_in_number(host: &[u8]) -> bool {
	let host = host.strip_suffix(b".").unwrap_or(host);
	let last = host.rsplit(|b| *b == b'.').next().unwrap_or_default();
	!last.is_empty()
		&& (last.iter().all(u8::is_ascii_digit)
			|| last
				.strip_prefix(b"0x")
				.is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)))
}

fn class_v4(ip: Ipv4Addr) -> Option<HostClass> {
	let [a, b, ..] = ip.octets();
	Some(if a == 0 {
		HostClass::Unspecified
	} else if ip.is_loopback() {
		HostClass::Loopback
	} else if ip.is_private() || (a == 100 && (64..128).contains(&b)) {
		HostClass::Private
	} else if ip.is_link_local() {
		HostClass::LinkLocal
	} else if ip.is_multicast() || ip.is_broadcast() || a >= 240 {
		// Nothing there answers HTTP.
		return None;
	} else {
		HostClass::Public
	})
}

fn class_v6(ip: Ipv6Addr) -> Option<HostClass> {
	let segments = ip.segments();
	// IPv4-mapped (`::ffff:a.b.c.d`) and NAT64 (`64:ff9b::a.b.c.d`) addresses reach the IPv4
	// address they carry.
	let nat64 = segments.get(..6) == Some(&[0x64, 0xff9b, 0, 0, 0, 0][..]);
	if let Some(v4) = ip.to_ipv4_mapped() {
		return class_v4(v4);
	}
	if nat64 {
		let [.., a, b, c, d] = ip.octets();
		return class_v4(Ipv4Addr::new(a, b, c, d));
	}
	Some(if ip.is_unspecified() {
		HostClass::Unspecified
	} else if ip.is_loopback() {
		HostClass::Loopback
	} else if ip.is_unique_local() {
		HostClass::Private
	} else if ip.is_unicast_link_local() {
		HostClass::LinkLocal
	} else if ip.is_multicast() {
		return None;
	} else {
		HostClass::Public
	})
}

/// The class of `host` as given by [`url_host`]; `None` when it is no usable host (an IP
/// literal that does not parse, a multicast or broadcast address).
pub fn classify(host: &[u8]) -> Option<HostClass> {
	if host.contains(&b':') {
		let text = core::str::from_utf8(host).ok()?;
		return class_v6(text.parse().ok()?);
	}
	if ends_in_number(host) {
		return class_v4(ipv4(host)?);
	}
	let name = host.strip_suffix(b".").unwrap_or(host);
	if name == b"localhost" || name.ends_with(b".localhost") {
		return Some(HostClass::Loopback);
	}
	Some(HostClass::Public)
}

impl HostRules {
	/// Whether a source URL may name `class`.
	pub fn allows(&self, class: HostClass) -> bool {
		match class {
			HostClass::Public => true,
			HostClass::Loopback => self.allow_loopback,
			HostClass::Private | HostClass::LinkLocal | HostClass::Unspecified => false,
		}
	}

	/// Checks a source URL against the rules.
	pub fn check(&self, url: &[u8]) -> Result<(), HostError> {
		let (_, host) = url_host(url).ok_or(HostError::BadUrl)?;
		let class = classify(&host).ok_or(HostError::BadUrl)?;
		if self.allows(class) {
			return Ok(());
		}
		Err(match class {
			HostClass::Loopback => HostError::Loopback,
			HostClass::Private => HostError::Private,
			HostClass::LinkLocal => HostError::LinkLocal,
			HostClass::Public | HostClass::Unspecified => HostError::Unspecified,
		})
	}
}

/// Why [`HostRules::check`] refuses a source URL.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum HostError {
	/// The URL is not `http://` or `https://` with a host this module can classify.
	BadUrl,
	/// It names `localhost` or a loopback address, and the rules do not allow loopback.
	Loopback,
	/// It names an address in a private range.
	Private,
	/// It names a link-local address, where cloud metadata services answer.
	LinkLocal,
	/// It names an unspecified address.
	Unspecified,
}

#[cfg(test)]
mod tests {
	use super::*;

	const STRICT: HostRules = HostRules { allow_loopback: false };
	const DEV: HostRules = HostRules { allow_loopback: true };

	#[test]
	fn hosts_and_schemes_are_read_from_urls() {
		let host =
			|url: &str| url_host(url.as_bytes()).map(|(s, h)| (s, String::from_utf8(h).unwrap()));
		assert_eq!(host("https://API.Binance.com/x?y"), Some((true, "api.binance.com".into())));
		assert_eq!(host("http://127.0.0.1:8500/okx"), Some((false, "127.0.0.1".into())));
		assert_eq!(host("http://[::1]:80/x"), Some((false, "::1".into())));
		assert_eq!(host("https://example.com#frag"), Some((true, "example.com".into())));
		assert_eq!(host("ftp://example.com"), None);
		assert_eq!(host("https://:80/x"), None);
	}

	#[test]
	fn every_form_of_an_internal_address_is_refused() {
		let refused = [
			("http://localhost:8500/x", HostError::Loopback),
			("http://LOCALHOST./x", HostError::Loopback),
			("http://prices.localhost/x", HostError::Loopback),
			("http://127.0.0.1/x", HostError::Loopback),
			("http://127.1/x", HostError::Loopback),
			("http://2130706433/x", HostError::Loopback),
			("http://0x7f000001/x", HostError::Loopback),
			("http://0177.0.0.1/x", HostError::Loopback),
			("http://127.0.0.1./x", HostError::Loopback),
			("http://[::1]/x", HostError::Loopback),
			("http://[::ffff:127.0.0.1]/x", HostError::Loopback),
			("http://[64:ff9b::7f00:1]/x", HostError::Loopback),
			("http://10.1.2.3/x", HostError::Private),
			("http://172.16.0.1/x", HostError::Private),
			("http://172.31.255.255/x", HostError::Private),
			("http://192.168.1.1/x", HostError::Private),
			("http://100.64.0.1/x", HostError::Private),
			("http://[fd00::1]/x", HostError::Private),
			("http://[::ffff:10.0.0.1]/x", HostError::Private),
			("http://169.254.169.254/latest/meta-data", HostError::LinkLocal),
			("http://[fe80::1]/x", HostError::LinkLocal),
			("http://0.0.0.0:8500/x", HostError::Unspecified),
			("http://0/x", HostError::Unspecified),
			("http://[::]/x", HostError::Unspecified),
			("http://255.255.255.255/x", HostError::BadUrl),
			("http://224.0.0.1/x", HostError::BadUrl),
			("http://256.1.1.1/x", HostError::BadUrl),
			("http://1.2.3.4.5/x", HostError::BadUrl),
			("http://example.123/x", HostError::BadUrl),
			("http://[::1/x", HostError::BadUrl),
		];
		for (url, error) in refused {
			assert_eq!(STRICT.check(url.as_bytes()), Err(error), "{url}");
		}
		// A development chain allows loopback, and nothing else internal.
		for (url, error) in refused {
			let expected = if error == HostError::Loopback { Ok(()) } else { Err(error) };
			assert_eq!(DEV.check(url.as_bytes()), expected, "{url}");
		}
	}

	#[test]
	fn public_hosts_pass() {
		for url in [
			"https://api.binance.com/api/v3/ticker/price?symbol=BTCUSDT",
			"https://8.8.8.8/x",
			"https://172.32.0.1/x",
			"https://100.128.0.1/x",
			"https://[2001:db8::1]:8443/x",
			"https://localhost.example.com/x",
			"https://1password.com/x",
			"https://0x.example/x",
		] {
			assert_eq!(STRICT.check(url.as_bytes()), Ok(()), "{url}");
		}
	}
}
