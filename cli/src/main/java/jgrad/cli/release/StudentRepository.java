package jgrad.cli.release;

import java.util.List;

/**
 * The files of a students' repository that are written, not copied: its pom (the public checks as the
 * project's tests, the course's jars from the repository's own Maven repository), its README, its
 * .gitignore and the test behind its {@code ./mvnw verify}.
 */
final class StudentRepository {

    private StudentRepository() {
    }

    /** The students' pom: checks/ holds the tests, .jgrad/repository the course's jars at this version. */
    static String pom(String version) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- The jgrad course, students' repository (made by ./jgrad release): the public checks in checks/
                     are this project's tests; the course's own jars come from .jgrad/repository, the rest from
                     Maven Central. ./mvnw verify runs the checks on exercises/ and prints the score table. -->
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.github.jgrad</groupId>
                  <artifactId>jgrad-course</artifactId>
                  <version>VERSION</version>
                  <name>jgrad course</name>

                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>

                  <repositories>
                    <repository>
                      <id>jgrad-course</id>
                      <url>file://${project.basedir}/.jgrad/repository</url>
                      <snapshots><enabled>false</enabled></snapshots>
                    </repository>
                  </repositories>

                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>org.junit</groupId>
                        <artifactId>junit-bom</artifactId>
                        <version>JUNIT</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>

                  <dependencies>
                    <dependency>
                      <groupId>io.github.jgrad</groupId>
                      <artifactId>jgrad-cli</artifactId>
                      <version>VERSION</version>
                    </dependency>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>

                  <build>
                    <testSourceDirectory>checks</testSourceDirectory>
                    <testResources>
                      <testResource>
                        <directory>checks</directory>
                        <includes><include>**/*.properties</include><include>**/*.json</include></includes>
                      </testResource>
                    </testResources>
                    <plugins>
                      <plugin>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>3.14.1</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-resources-plugin</artifactId>
                        <version>3.3.1</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>3.5.4</version>
                        <configuration>
                          <!-- The checks run through the grader (StudentKitTest), never bare. -->
                          <includes><include>**/StudentKitTest.java</include></includes>
                          <systemPropertyVariables>
                            <jgrad.notebooks>${project.basedir}/exercises</jgrad.notebooks>
                          </systemPropertyVariables>
                        </configuration>
                      </plugin>
                      <plugin>
                        <artifactId>maven-jar-plugin</artifactId>
                        <version>3.5.0</version>
                        <configuration><skipIfEmpty>true</skipIfEmpty></configuration>
                      </plugin>
                      <plugin>
                        <artifactId>maven-dependency-plugin</artifactId>
                        <version>3.9.0</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-install-plugin</artifactId>
                        <version>3.1.4</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.replace("VERSION", version).replace("JUNIT", junitVersion());
    }

    /** The JUnit the course was built with (the grader's launcher must match the checks' engine). */
    private static String junitVersion() {
        Package junit = org.junit.jupiter.api.Test.class.getPackage();
        String version = junit == null ? null : junit.getImplementationVersion();
        return version != null ? version : "6.1.3";
    }

    /** The students' README: the two commands, where to start, how to check one's work. */
    static String readme(List<String> exercises) {
        StringBuilder list = new StringBuilder();
        for (String exercise : exercises) {
            list.append("| ").append(exercise).append(" | [exercises/").append(exercise).append(".ipynb](exercises/")
                    .append(exercise).append(".ipynb) |\n");
        }
        return """
                # Deep learning from scratch in Java notebooks — your course repository

                This repository holds the course's exercise notebooks and the checks that score them. You need a
                JDK 17 or newer; everything else is set up by these two commands:

                | command | what it does |
                |---|---|
                | `./jgrad lab` | opens the course in Jupyter (builds, installs the "Java (jgrad)" kernel, installs Jupyter if it can) |
                | `./mvnw verify` | runs every check on your saved notebooks and prints your score table |

                ## Where to start

                Run `./jgrad lab`, open `exercises/00_warmup.ipynb` and follow it: it explains how exercises work.
                Fill in the cells marked `// YOUR CODE HERE`, **save the notebook**, then run its last cell,
                `grade("NAME")`, to see your score: each check, its points, and what was expected when it fails.

                | exercise | notebook |
                |---|---|
                EXERCISES
                ## Checking your work

                ```
                ./jgrad grade                        # scores every notebook in exercises/, prints the table
                ./jgrad grade --exercise 04_xor      # one exercise
                ./jgrad run exercises/04_xor.ipynb   # runs a notebook headless and reports each cell
                ```

                Some checks run only when your instructor grades (on other inputs than the notebook's own, so that
                an answer written for the notebook's numbers alone does not pass): the score table says how many
                points they are worth. When you push, GitHub Classroom runs the public checks and records your
                points check by check (`.github/workflows/classroom.yml`).

                ## Getting the course's updates

                `./jgrad update` brings a new version of the course without touching your work: a notebook you
                changed stays as it is, and the new version is written beside it (`04_xor.new.ipynb`: copy what
                you need into yours, then delete it); a notebook you never changed is replaced, new ones appear.
                Then commit: `git add -A && git commit -m "course update"`.

                ## Without Jupyter

                `./jgrad kernel install`, then pick **Java (jgrad)** in VS Code's or IntelliJ's notebook editor.
                `./jgrad help` lists every command.
                """.replace("EXERCISES\n", list.toString());
    }

    /** What git keeps out of the students' repository. */
    static String gitignore() {
        return "target/\n.ipynb_checkpoints/\n*.class\n.idea/\n*.iml\n.vscode/\n";
    }

    /** The test behind the students' {@code ./mvnw verify}: scores the saved notebooks, prints the table. */
    static String kitTest() {
        return """
                package jgrad.exercises;

                import static org.junit.jupiter.api.Assertions.assertTrue;

                import java.nio.file.Path;
                import java.util.Map;
                import jgrad.grader.Checks;
                import jgrad.grader.GradeReport;
                import org.junit.jupiter.api.Test;

                /**
                 * Runs every exercise's checks on your saved notebooks and prints the score table. It fails only
                 * when the course itself is broken (no check could run), not when checks of yours fail: your score
                 * is in the table, and in target/grades/.
                 */
                class StudentKitTest {

                    @Test
                    void scoresTheSavedNotebooks() {
                        Path notebooks = Path.of(System.getProperty(Checks.NOTEBOOKS, "exercises"));
                        GradeReport report = Checks.runAll(notebooks, Map.of());
                        Checks.writeGrades(Path.of("target", "grades"), report);
                        System.out.println(report);
                        assertTrue(report.max() > 0, "no check ran: is exercises/ there?");
                    }
                }
                """;
    }
}
