package io.amagasa.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AmagasaServer {

	public static void main(String[] args) {
		SpringApplication.run(AmagasaServer.class, args);
	}

}
