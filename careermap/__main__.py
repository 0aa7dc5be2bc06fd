from careermap.cli import main

main()
