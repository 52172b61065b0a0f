//! A small deterministic generator for adversarial texts, shared by the
//! scaling bench (`benches/scaling.rs`) and the linear-cost test
//! (`tests/linear.rs`), which include this file by path.

/// A linear congruential generator: no dependency on a seed crate.
pub struct Lcg(pub u64);

impl Lcg {
    /// A number below `n`.
    pub fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }

    /// A lowercase word of 2 to 8 random letters.
    pub fn word(&mut self) -> String {
        let len = 2 + self.next(7);
        (0..len)
            .map(|_| (b'a' + self.next(26) as u8) as char)
            .collect()
    }
}

/// Words from `pick` (given the generator seeded with `seed`) until about
/// `n` bytes, spaced.
pub fn words(n: usize, seed: u64, mut pick: impl FnMut(&mut Lcg) -> String) -> String {
    let mut r = Lcg(seed);
    let mut text = String::new();
    while text.len() < n {
        text += &pick(&mut r);
        text.push(' ');
    }
    text
}
