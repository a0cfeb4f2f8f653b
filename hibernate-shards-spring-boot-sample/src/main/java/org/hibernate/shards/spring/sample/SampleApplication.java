package org.hibernate.shards.spring.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application over four shards: {@link UserRepository} is an ordinary Spring Data repository, and
 * {@link SampleRun} stores and queries users through it. The shards are listed in {@code application.properties}.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run( SampleApplication.class, args ).close();
	}
}
