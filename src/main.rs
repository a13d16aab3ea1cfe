fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let t = std::time::Instant::now();
    let (out, ok) = scrutiny::check::check_files(&args);
    print!("{out}");
    eprintln!("{:?}", t.elapsed());
    std::process::exit(i32::from(!ok));
}
